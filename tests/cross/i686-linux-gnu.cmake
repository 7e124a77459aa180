# i686: 32-bit x86 (size_t is 32 bits, uint64_t aligned to 4 in structs, x87
# floating point). cmake --toolchain tests/cross/i686-linux-gnu.cmake
set(CMAKE_SYSTEM_PROCESSOR i686)
set(CXM_CROSS_TRIPLE i686-linux-gnu)
set(CXM_QEMU_ARCH i386)
set(CXM_MULTIARCH i386-linux-gnu)
include(${CMAKE_CURRENT_LIST_DIR}/linux-gnu.cmake)

# aarch64: 64-bit ARM, little-endian. cmake --toolchain tests/cross/aarch64-linux-gnu.cmake
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CXM_CROSS_TRIPLE aarch64-linux-gnu)
set(CXM_QEMU_ARCH aarch64)
include(${CMAKE_CURRENT_LIST_DIR}/linux-gnu.cmake)

# s390x: big-endian, 64-bit (IBM Z). cmake --toolchain tests/cross/s390x-linux-gnu.cmake
set(CMAKE_SYSTEM_PROCESSOR s390x)
set(CXM_CROSS_TRIPLE s390x-linux-gnu)
set(CXM_QEMU_ARCH s390x)
include(${CMAKE_CURRENT_LIST_DIR}/linux-gnu.cmake)

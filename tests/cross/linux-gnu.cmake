# Shared part of the Linux cross toolchain files in this directory. Each of
# them sets CXM_CROSS_TRIPLE (the Debian cross compiler's prefix) and
# CMAKE_SYSTEM_PROCESSOR, then includes this file.
#
# What a target needs on Debian 12 (as .ci/run installs it):
#   gcc-<triple>            the cross compiler and the target's libc
#   check:<debian arch>     Check for the target (multiarch, after
#                           dpkg --add-architecture <debian arch>)
#   qemu-user               runs the target's programs: ctest starts every
#                           test through CMAKE_CROSSCOMPILING_EMULATOR
set(CMAKE_SYSTEM_NAME Linux)
if(NOT CXM_MULTIARCH)
  set(CXM_MULTIARCH ${CXM_CROSS_TRIPLE}) # Debian's multiarch tuple, where it differs
endif()
set(CMAKE_C_COMPILER ${CXM_CROSS_TRIPLE}-gcc)
set(CMAKE_CXX_COMPILER ${CXM_CROSS_TRIPLE}-g++)

# Target libraries from multiarch (/usr/lib/<triple>) and from the cross
# compiler's own sysroot (/usr/<triple>), never the build machine's.
set(CMAKE_FIND_ROOT_PATH /usr/${CXM_CROSS_TRIPLE} /usr/lib/${CXM_MULTIARCH})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/${CXM_MULTIARCH}/pkgconfig:/usr/share/pkgconfig)
set(ENV{PKG_CONFIG_SYSROOT_DIR} /)

# qemu-user runs target programs with the target's multiarch loader and libc
# (libc6:<arch>, which Check pulls in). Not with -L /usr/<triple>: that
# sysroot's libc is the cross compiler's copy, whose build may differ from the
# multiarch one that Check was linked against (seen: "stack smashing detected"
# in every test when the two were mixed).
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-${CXM_QEMU_ARCH})

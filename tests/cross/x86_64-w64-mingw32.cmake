# Windows x64 with MinGW-w64 (Debian: gcc-mingw-w64-x86-64), tests run under
# wine (Debian: wine64). cmake --toolchain tests/cross/x86_64-w64-mingw32.cmake
#
# The shared library is cxmetrics.dll with its import library
# libcxmetrics.dll.a; the static library is libcxmetrics.a. Check has no
# Windows build in Debian, so the suites compile against the Check-compatible
# runner in tests/cross/check-shim (see tests/CMakeLists.txt).
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR AMD64)
set(CMAKE_C_COMPILER x86_64-w64-mingw32-gcc)
set(CMAKE_CXX_COMPILER x86_64-w64-mingw32-g++)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)
set(CMAKE_FIND_ROOT_PATH /usr/x86_64-w64-mingw32)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
# Test programs find libgcc's and winpthreads' DLLs statically linked in, so
# wine needs nothing but the program and cxmetrics.dll beside it.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static-libgcc")
# Debian's /usr/bin/wine starts the 32-bit loader first, which a host without
# 32-bit execution refuses ("Exec format error"); the 64-bit loader runs x64
# programs on any x86-64 Linux.
set(CMAKE_CROSSCOMPILING_EMULATOR /usr/lib/wine/wine64)
# MinGW-w64's isnan, isinf and fpclassify pick __isnanf / __fpclassifyf for a
# float argument with __builtin_choose_expr; the branch not taken is still
# type-checked, so every call with a double draws a -Wfloat-conversion warning
# from inside the macro. Our code passes doubles only.
# __USE_MINGW_ANSI_STDIO: the C99 printf family (%zu, %lld, %jd) in test
# output, instead of msvcrt's.
set(CMAKE_C_FLAGS_INIT "-Wno-float-conversion -D__USE_MINGW_ANSI_STDIO=1")

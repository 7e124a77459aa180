# Debian packages of cxmetrics, made by CPack from the top-level build:
#
#   cmake -S . -B build-deb -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
#         -DCXM_BUILD_TESTS=OFF -DCXM_BUILD_POSTGRESQL=ON -DCXM_BUILD_SQLITE=ON
#   cmake --build build-deb -j2 && (cd build-deb && cpack -G DEB)
#
# One package per install component, so that a package holds exactly what
# `cmake --install` installs for that component:
#
#   lib         libcxmetrics1             libcxmetrics.so.1 (shlibs, ldconfig trigger)
#   dev         libcxmetrics-dev          header, .so link, static library, pkg-config
#                                         and CMake files, the documentation
#   tools       cxmetrics-tools           cxm-report and compare-periods, manual pages
#   postgresql  postgresql-NN-cxmetrics   the PostgreSQL extension (CXM_BUILD_POSTGRESQL)
#   sqlite      sqlite3-cxmetrics         the SQLite extension (when built)
#
# What debhelper adds to a package (copyright, changelog, compressed manual
# pages, the documentation in the package's own directory), debian/finish.cmake
# adds to CPack's staging tree before the packages are made. The version is
# the header's (CMakeLists.txt reads it); debian/changelog's first entry must
# name it too, and the test package_versions checks that it does.

if(CMAKE_VERSION VERSION_LESS 3.19)
  message(STATUS "cxmetrics: cpack -G DEB needs CMake 3.19 (CPACK_PRE_BUILD_SCRIPTS)")
  return()
endif()

set(cxm_debian ${CMAKE_CURRENT_LIST_DIR}/debian)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
  ${cxm_debian}/changelog ${PROJECT_SOURCE_DIR}/LICENSE)

# The maintainer is the one who signed the changelog's newest entry.
file(STRINGS ${cxm_debian}/changelog cxm_deb_trailer REGEX "^ -- " LIMIT_COUNT 1)
string(REGEX REPLACE "^ -- (.*>)  .*$" "\\1" cxm_deb_maintainer "${cxm_deb_trailer}")

# /usr/share/doc/<package>/copyright, in the machine-readable format, from
# LICENSE: its copyright line, and its text as the Expat licence's.
file(STRINGS ${PROJECT_SOURCE_DIR}/LICENSE cxm_license)
set(cxm_copyright "")
set(cxm_license_text "")
foreach(line IN LISTS cxm_license)
  if(line MATCHES "^Copyright \\(c\\) (.*)$")
    set(cxm_copyright "${CMAKE_MATCH_1}")
  elseif(cxm_copyright AND line STREQUAL "")
    string(APPEND cxm_license_text "\n .")
  elseif(cxm_copyright)
    string(APPEND cxm_license_text "\n ${line}")
  endif()
endforeach()
string(REGEX REPLACE "^\n \\.\n" "\n" cxm_license_text "${cxm_license_text}")
file(WRITE ${PROJECT_BINARY_DIR}/debian/copyright
"Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: ${PROJECT_NAME}

Files: *
Copyright: ${cxm_copyright}
License: Expat${cxm_license_text}
")

set(CPACK_PACKAGE_NAME ${PROJECT_NAME})
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
# Empty: each package's description begins with its own synopsis.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "")
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${cxm_deb_maintainer}")
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# Depends from the ELF files' needs (dpkg-shlibdeps); libcxmetrics.so.1 is
# found in this build, its package named by hand below.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${PROJECT_BINARY_DIR}/lib)
set(CPACK_PRE_BUILD_SCRIPTS ${cxm_debian}/finish.cmake)
# For debian/finish.cmake.
set(CPACK_CXM_DEBIAN_DIR ${cxm_debian})
set(CPACK_CXM_COPYRIGHT ${PROJECT_BINARY_DIR}/debian/copyright)
set(CPACK_CXM_DOCDIR ${CMAKE_INSTALL_DOCDIR})

set(cxm_about "cxmetrics turns individual customer-survey ratings into the metrics CRM and
helpdesk software reports (CSAT, NPS and CES) incrementally and exactly: one
count per rating value, exact merges and roll-ups, and confidence intervals
and comparisons that hold at small samples and at the boundaries.")

# cxm_deb_package(component name section summary description): the Debian
# package made of an install component. DESCRIPTION follows the paragraph above.
function(cxm_deb_package component name section summary description)
  string(TOUPPER ${component} c)
  set(CPACK_DEBIAN_${c}_PACKAGE_NAME ${name} PARENT_SCOPE)
  set(CPACK_DEBIAN_${c}_PACKAGE_SECTION ${section} PARENT_SCOPE)
  set(CPACK_DEBIAN_${c}_DESCRIPTION "${summary}\n${cxm_about}\n\n${description}" PARENT_SCOPE)
  set(cxm_deb_components ${cxm_deb_components} ${component} PARENT_SCOPE)
endfunction()

set(cxm_deb_components "")
cxm_deb_package(lib libcxmetrics${PROJECT_VERSION_MAJOR} libs
  "CSAT, NPS and CES from survey ratings (shared library)"
  "This package contains the shared library, for programs built with
libcxmetrics-dev and for the Python, Node.js, Ruby and PHP bindings.")
# shlibs: what a program linked with libcxmetrics.so.1 depends on. Symbols
# are added in minor releases only (docs/abi.md), so a program built against
# 1.2.x runs with any 1.x from 1.2.0 on.
set(cxm_deb_lib "libcxmetrics${PROJECT_VERSION_MAJOR}")
set(cxm_deb_lib_dependency
  "${cxm_deb_lib} (>= ${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR}.0)")
file(WRITE ${PROJECT_BINARY_DIR}/debian/shlibs
  "libcxmetrics ${PROJECT_VERSION_MAJOR} ${cxm_deb_lib_dependency}\n")
set(CPACK_DEBIAN_LIB_PACKAGE_CONTROL_EXTRA
  ${PROJECT_BINARY_DIR}/debian/shlibs ${cxm_debian}/triggers)

cxm_deb_package(dev libcxmetrics-dev libdevel
  "CSAT, NPS and CES from survey ratings (development files)"
  "This package contains the header cxmetrics.h, the static library, the
pkg-config file and the CMake package (find_package(cxmetrics)), and the
documentation: definitions, statistics, the portable format, series and the
ABI policy.")
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "${cxm_deb_lib} (= ${PROJECT_VERSION})")

if(TARGET cxm-report)
  cxm_deb_package(tools cxmetrics-tools utils
    "CSAT, NPS and CES reports from survey exports"
    "This package contains cxm-report, which prints CSAT, NPS and CES per
metric, segment and period (day, ISO week, month) from CSV exports, with
confidence intervals and significant changes flagged, draws SVG trend charts
and rolls saved states up; and compare-periods, which says whether a metric
changed between two periods.")
  set(CPACK_DEBIAN_TOOLS_PACKAGE_DEPENDS "${cxm_deb_lib_dependency}")
endif()

if(CXM_BUILD_POSTGRESQL)
  cxm_deb_package(postgresql postgresql-${cxm_pg_major}-cxmetrics database
    "CSAT, NPS and CES aggregates for PostgreSQL ${cxm_pg_major}"
    "This package contains the PostgreSQL extension cxmetrics: types cxm_acc
and cxm_wacc (weighted responses) with exact text forms, parallel aggregates
usable as window functions (cxm_acc_agg, cxm_wacc_agg, cxm_merge_agg, cxm_nps,
...), and functions for intervals, comparisons, snapshots and sample sizes.
CREATE EXTENSION cxmetrics enables it in a database; ALTER EXTENSION cxmetrics
UPDATE brings a database of an earlier version to this one.")
  set(CPACK_DEBIAN_POSTGRESQL_PACKAGE_DEPENDS "postgresql-${cxm_pg_major}")
endif()

if(TARGET cxm_sqlite)
  cxm_deb_package(sqlite sqlite3-cxmetrics database
    "CSAT, NPS and CES aggregates for SQLite"
    "This package contains the SQLite loadable extension: the aggregates, also
as window functions, states as BLOBs and results as JSON. The sqlite3 shell
loads it with .load /usr/lib/sqlite3/cxmetrics, Python's sqlite3 module
with load_extension('/usr/lib/sqlite3/cxmetrics').")
endif()

# An install rule of no component above would be in no package.
get_cmake_property(cxm_unpackaged COMPONENTS)
list(REMOVE_ITEM cxm_unpackaged ${cxm_deb_components})
if(cxm_unpackaged)
  message(AUTHOR_WARNING "cxmetrics: install components in no Debian package: ${cxm_unpackaged}")
endif()
set(CPACK_COMPONENTS_ALL ${cxm_deb_components})
include(CPack)

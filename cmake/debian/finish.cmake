# Run by CPack (CPACK_PRE_BUILD_SCRIPTS) on the staging tree, after the
# install rules have filled one directory per component and before the
# packages are made of them. It does for each package what debhelper does
# for a package built the Debian way:
#
#   - /usr/share/doc/<package>/copyright and changelog.gz   (dh_installdocs,
#                                                           dh_installchangelogs)
#   - the documentation the install rules put in the project's doc directory
#     moved to the package's own                            (dh_installdocs)
#   - manual pages compressed with gzip -9n                 (dh_compress)
#
# Reads the CPACK_* variables cmake/packaging.cmake sets.

if(NOT CPACK_GENERATOR STREQUAL "DEB")
  return()
endif()
if(NOT CPACK_PACKAGING_INSTALL_PREFIX STREQUAL "/usr")
  message(FATAL_ERROR "Debian packages install under /usr, not ${CPACK_PACKAGING_INSTALL_PREFIX}: "
                      "configure the build with -DCMAKE_INSTALL_PREFIX=/usr")
endif()
find_program(cxm_gzip gzip REQUIRED)

# cxm_gzip_file(file): FILE.gz in its place, at maximum compression and with
# no name or time stamp inside (the package stays the same from build to build).
function(cxm_gzip_file file)
  execute_process(COMMAND ${cxm_gzip} -9nf ${file} RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "gzip -9n ${file}: ${status}")
  endif()
endfunction()

foreach(component IN LISTS CPACK_COMPONENTS_ALL)
  string(TOUPPER ${component} c)
  set(package ${CPACK_DEBIAN_${c}_PACKAGE_NAME})
  set(root ${CPACK_TEMPORARY_DIRECTORY}/${component})
  set(doc ${root}/usr/share/doc/${package})
  file(MAKE_DIRECTORY ${doc})

  set(project_doc ${root}${CPACK_PACKAGING_INSTALL_PREFIX}/${CPACK_CXM_DOCDIR})
  if(IS_DIRECTORY ${project_doc} AND NOT project_doc STREQUAL doc)
    file(GLOB docs ${project_doc}/*)
    file(COPY ${docs} DESTINATION ${doc})
    file(REMOVE_RECURSE ${project_doc})
  endif()

  file(COPY ${CPACK_CXM_COPYRIGHT} DESTINATION ${doc}
    FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
  file(COPY ${CPACK_CXM_DEBIAN_DIR}/changelog DESTINATION ${doc}
    FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
  cxm_gzip_file(${doc}/changelog)

  file(GLOB_RECURSE pages ${root}/usr/share/man/*.[1-9])
  foreach(page IN LISTS pages)
    cxm_gzip_file(${page})
  endforeach()
endforeach()

# Read by cpack once per generator (CPACK_PROJECT_CONFIG_FILE), after CPackConfig.cmake.

# CPackDeb (CMake 3.25) puts a project-wide summary in front of each component's description, while
# each package's CPACK_DEBIAN_<COMPONENT>_DESCRIPTION starts with its own summary line: drop it there.
if(CPACK_GENERATOR STREQUAL "DEB")
    unset(CPACK_PACKAGE_DESCRIPTION_SUMMARY)
endif()

# SPDX-License-Identifier: MIT
# The simulator's results never change silently: tests/simgolden/check.cmake
# compares the --json (and some --timeline) output of several hundred runs
# with the MD5s in tests/simgolden/md5.txt (label "sim"). Speed work must
# leave every one byte-identical.
if(TARGET eas_cli)
  add_test(NAME sim_golden_md5 COMMAND ${CMAKE_COMMAND}
    -DEAS=$<TARGET_FILE:eas_cli> -DSRC=${PROJECT_SOURCE_DIR}
    -DLIST=${CMAKE_CURRENT_SOURCE_DIR}/simgolden/md5.txt
    -DWORK=${CMAKE_CURRENT_BINARY_DIR}/sim_golden_md5
    -P ${CMAKE_CURRENT_SOURCE_DIR}/simgolden/check.cmake)
  set_tests_properties(sim_golden_md5 PROPERTIES LABELS sim TIMEOUT 600)
endif()

# SPDX-License-Identifier: MIT
# Runs `eas balance` once and checks its exit status and output.
#   -DEAS=<eas binary> -DARGS=<;-list of arguments> -DRC=<expected status>
#   [-DCMD=<subcommand>, default balance]
#   -DEXPECT=<;-list of regular expressions that must all match stdout>
#   -DERR=<regular expression stderr must match> (optional)
if(NOT DEFINED CMD)
  set(CMD balance)
endif()
execute_process(COMMAND ${EAS} ${CMD} ${ARGS}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL RC)
  message(FATAL_ERROR "exit status ${rc}, expected ${RC}\nstdout:\n${out}\nstderr:\n${err}")
endif()
foreach(re IN LISTS EXPECT)
  if(NOT out MATCHES "${re}")
    message(FATAL_ERROR "stdout does not match '${re}':\n${out}")
  endif()
endforeach()
if(DEFINED ERR AND NOT err MATCHES "${ERR}")
  message(FATAL_ERROR "stderr does not match '${ERR}':\n${err}")
endif()

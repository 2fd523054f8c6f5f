# SPDX-License-Identifier: MIT
# policy_sweep: a LIST of the built-in eas, the wrapper plugin, and a
# missing plugin. The missing one refuses the whole LIST (every shard
# checks every line); without it, the wrapper's result equals eas's.
execute_process(COMMAND ${EAS} sweep ${LIST} --duration-ms 500
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 1 OR NOT out STREQUAL ""
    OR NOT err MATCHES ":3: field 4: policy plugin [^\n]*no-such-plugin.so: No such file or directory")
  message(FATAL_ERROR "bad plugin line: rc=${rc}\nstdout: ${out}\nstderr: ${err}")
endif()
file(STRINGS ${LIST} lines)
list(GET lines 0 l0)
list(GET lines 1 l1)
get_filename_component(dir ${LIST} DIRECTORY)
file(WRITE ${dir}/sweep-ok.txt "${l0}\n${l1}\n")
execute_process(COMMAND ${EAS} sweep ${dir}/sweep-ok.txt --duration-ms 500
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "sweep failed: rc=${rc}\n${err}")
endif()
string(REGEX MATCHALL "\"result\":[^\n]*" res "${out}")
list(LENGTH res n)
if(NOT n EQUAL 2)
  message(FATAL_ERROR "expected 2 result lines, got ${n}:\n${out}")
endif()
list(GET res 0 r0)
list(GET res 1 r1)
if(NOT r0 STREQUAL r1)
  message(FATAL_ERROR "the wrapper plugin's result differs from eas:\n${r0}\n${r1}")
endif()
if(NOT out MATCHES "\"policy\":\"[^\"]*wrap_unlinked[^\"]*\"")
  message(FATAL_ERROR "the plugin's policy field is missing:\n${out}")
endif()

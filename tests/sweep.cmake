# SPDX-License-Identifier: MIT
# `eas sweep LIST` (label "cli"): sharding (tests/sweep/shards.cmake),
# bad --shard specs, bad LIST lines, a case that cannot run.
if(TARGET eas_cli)
  set(_sw ${CMAKE_CURRENT_SOURCE_DIR}/data/sweep)
  set(_ex ${PROJECT_SOURCE_DIR}/examples)
  foreach(_n 1 3 4 9)
    add_test(NAME sweep_shards_${_n} COMMAND ${CMAKE_COMMAND}
      -DEAS=$<TARGET_FILE:eas_cli> -DLIST=${_sw}/cases.txt -DN=${_n}
      "-DARGS=--duration-ms;300"
      -DWORK=${CMAKE_CURRENT_BINARY_DIR}/sweep_shards_${_n}
      "-DSIM=${_ex}/platforms/hikey960.json;${_ex}/workloads/periodic-10pct.json;--duration-ms;300"
      -P ${CMAKE_CURRENT_SOURCE_DIR}/sweep/shards.cmake)
    set_tests_properties(sweep_shards_${_n} PROPERTIES LABELS cli)
  endforeach()

  function(eas_sweep_test name rc args err)
    add_test(NAME sweep_${name} COMMAND ${CMAKE_COMMAND}
      -DEAS=$<TARGET_FILE:eas_cli> -DCMD=sweep "-DARGS=${args}" -DRC=${rc}
      "-DERR=${err}" ${ARGN}
      -P ${CMAKE_CURRENT_SOURCE_DIR}/balance_cli/check.cmake)
    set_tests_properties(sweep_${name} PROPERTIES LABELS cli)
  endfunction()
  # --shard: I/N with 1 <= I <= N
  set(_k 0)
  foreach(_c "0/3|shard 0 of 3 does not exist" "4/3|shard 4 of 3 does not exist"
      "1/0|expected I/N" "x/3|expected I/N" "3|expected I/N" "1/|expected I/N"
      "/3|expected I/N" "1/3/2|expected I/N" "-1/3|expected I/N"
      "1/99999999999|expected I/N")
    string(REPLACE "|" ";" _f "${_c}")
    list(GET _f 0 _s)
    list(GET _f 1 _e)
    math(EXPR _k "${_k} + 1")
    eas_sweep_test(bad_shard_${_k} 2 "${_sw}/cases.txt;--shard;${_s}"
      "^eas sweep: --shard[^\n]*${_e}[^\n]*\n\nusage: eas sweep")
  endforeach()
  eas_sweep_test(no_list 2 "" "missing LIST")
  # LIST errors name the line; nothing runs
  eas_sweep_test(bad_kernel 1 "${_sw}/bad-kernel.txt"
    "bad-kernel.txt:3: field 3: unknown kernel 'v5.5'" -DEXPECT=^$)
  eas_sweep_test(bad_policy 1 "${_sw}/bad-policy.txt"
    "bad-policy.txt:2: field 4: policy plugin [^\n]*greedy: No such file or directory \\(expected eas, no-eas or the path of a plugin .so\\)"
    -DEXPECT=^$)
  eas_sweep_test(bad_fields 1 "${_sw}/bad-fields.txt"
    "bad-fields.txt:2: expected PLATFORM WORKLOAD \\[KERNEL \\[POLICY\\]\\], got 1 field")
  eas_sweep_test(no_cases 1 "${_sw}/empty.txt;--shard;1/2" "no cases")
  # a case that cannot run: an error line, the other cases run, exit 1
  eas_sweep_test(missing_file 1 "${_sw}/missing-file.txt;--duration-ms;100"
    "missing-file.txt:2: [^\n]*nope.json: cannot be read"
    "-DEXPECT=^{\"case\":0,\"line\":2,[^\n]*\"error\":\"[^\n]*nope.json: cannot be read\"}\n{\"case\":1,\"line\":3,[^\n]*\"result\":{\"kernel\": \"v6.19\"")
endif()

# SPDX-License-Identifier: MIT
# `eas place PLATFORM DIR --expect` end to end (label "cli"): a directory
# whose expectations hold exits 0 with one "ok" line per file; a
# directory with a wrong expectation and a file without "expect" exits 1
# with the FAIL lines and the summary; argument errors.
if(TARGET eas_cli)
  set(_xpf ${PROJECT_SOURCE_DIR}/examples/platforms/sched-energy-example.json)
  set(_xok ${PROJECT_SOURCE_DIR}/examples/scenarios/expect)
  set(_xbad ${CMAKE_CURRENT_SOURCE_DIR}/data/expect-fail)
  function(eas_place_expect_test name rc args expect)
    add_test(NAME place_expect_${name} COMMAND ${CMAKE_COMMAND}
      -DEAS=$<TARGET_FILE:eas_cli> -DCMD=place "-DARGS=${args}" -DRC=${rc}
      "-DEXPECT=${expect}" ${ARGN}
      -P ${CMAKE_CURRENT_SOURCE_DIR}/balance_cli/check.cmake)
    set_tests_properties(place_expect_${name} PROPERTIES LABELS cli)
  endfunction()

  # every example holds, in file-name order
  eas_place_expect_test(examples_pass 0 "${_xpf};${_xok};--expect"
    "^ok   [^\n]*/01-scenario-a-prev-kept.json \\[v6.19\\]: cpu 0, path eas, reason prev_best, no_eas none\nok   [^\n]*/02-scenario-b-moves.json \\[v6.19\\]: cpu 1,[^\n]*\nok   [^\n]*/03-margin-v54-stays.json \\[v5.4\\]: cpu 3, path eas, reason prev_margin[^\n]*\nok   [^\n]*/04-[^\n]*\nok   [^\n]*/05-[^\n]*\nok   [^\n]*/06-fork-slow-path.json \\[v6.19\\]: cpu 3, path idlest, reason not_run, no_eas not_wakeup\n6 passed, 0 failed\n$")
  # one file
  eas_place_expect_test(one_file 0
    "${_xpf};${_xok}/03-margin-v54-stays.json;--expect"
    "^ok   [^\n]*03-margin-v54-stays.json \\[v5.4\\][^\n]*\n1 passed, 0 failed\n$")
  # --kernel overrides each file's "kernel": v6.19 has no margin, the v5.4
  # expectation of 03 fails there (kernel-eas.md §7.1 scenario D)
  eas_place_expect_test(kernel_override 1
    "${_xpf};${_xok}/03-margin-v54-stays.json;--expect;--kernel;v6.19"
    "FAIL [^\n]*03-margin-v54-stays.json \\[v6.19\\]: expected cpu 3, path eas, reason prev_margin; got cpu 0, path eas, reason energy, no_eas none\n0 passed, 1 failed\n$")
  # a wrong expectation and a file without one
  eas_place_expect_test(fail 1 "${_xpf};${_xbad};--expect"
    "^ok   [^\n]*/a-ok.json \\[v6.19\\]: cpu 0[^\n]*\nFAIL [^\n]*/b-wrong-cpu.json \\[v6.19\\]: expected cpu 1, path eas; got cpu 0, path eas, reason prev_best, no_eas none\nFAIL [^\n]*/c-no-expect.json: no \"expect\" object[^\n]*\nFAIL [^\n]*/d-bad-path.json:[0-9]+:[0-9]+: /expect/path: unknown value \"fast\" \\(expected one of \"eas\", [^\n]*\n1 passed, 3 failed\n$")
  # scenarios for another platform ("platform" names it)
  eas_place_expect_test(other_platform 1
    "${PROJECT_SOURCE_DIR}/examples/platforms/hikey960.json;${_xok};--expect"
    "^FAIL [^\n]*/01-scenario-a-prev-kept.json: /platform: the scenario is for platform 'sched-energy-example', not 'hikey960'[^\n]*\n.*0 passed, 6 failed\n$")
  # a directory without scenario files; a missing one
  eas_place_expect_test(empty_dir 1
    "${_xpf};${CMAKE_CURRENT_SOURCE_DIR}/balance_cli;--expect" ""
    -DERR=no\ scenario\ files)
  eas_place_expect_test(missing_dir 1
    "${_xpf};${_xok}/nope;--expect" "" -DERR=No\ such\ file)
  eas_place_expect_test(json_conflict 2 "${_xpf};${_xok};--expect;--json" ""
    -DERR=--json\ and\ --expect\ conflict)
endif()

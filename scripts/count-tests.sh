#!/usr/bin/env bash
# Adds up what every test runner in a `make test` log reported (cargo test and
# wasm-bindgen-test's "test result" lines, node's "# pass/# fail" lines,
# Python unittest's "Ran N tests" with "OK" or "FAILED (...)") and
# prints one closing line. A run in which no test ran fails.
set -euo pipefail
log=${1:?usage: count-tests.sh LOG}
awk '
  /^test result: / {
    for (i = 1; i <= NF; i++) {
      if ($(i+1) ~ /^passed;?$/) passed += $i
      if ($(i+1) ~ /^failed;?$/) failed += $i
    }
  }
  /^Ran [0-9]+ tests? in / { ran = $2 }
  /^OK( |$)/ { passed += ran; ran = 0 }
  /^FAILED \(/ { failed += ran; ran = 0 }
  /^# pass [0-9]+$/ { passed += $3 }
  /^# fail [0-9]+$/ { failed += $3 }
  END {
    printf "tests: %d passed, %d failed\n", passed, failed
    if (passed == 0 || failed > 0) exit 1
  }
' "$log"

# `kharita locate`: located lines out, every bad line named with its number and skipped, the
# command failing at the end. Included from tests/cli/CMakeLists.txt.
set(LOCATE_IN ${CMAKE_CURRENT_BINARY_DIR}/locate-input.jsonl)
file(WRITE ${LOCATE_IN}
"{\"id\": \"good\", \"text\": \"Gunmen stormed a school in Gharyan on Sunday.\", \"event\": {\"start\": 7, \"end\": 14}}
{\"id\": \"past\", \"text\": \"Shots fired.\", \"event\": {\"start\": 6, \"end\": 90}}
{\"id\": \"inverted\", \"text\": \"Shots fired.\", \"event\": {\"start\": 8, \"end\": 6}}
{\"id\": \"empty\", \"text\": \"Shots fired.\", \"event\": {\"start\": 6, \"end\": 6}}
{\"id\": \"no-event\", \"text\": \"Shots fired.\"}
this is not JSON
{\"id\": \"last\", \"text\": \"Protesters marched in Misrata.\", \"event\": {\"start\": 11, \"end\": 18}}
")
function(kharita_locate_test name expected)
    add_test(NAME cli.locate_${name} COMMAND ${K} locate --jsonl ${LOCATE_IN})
    set_tests_properties(cli.locate_${name} PROPERTIES PASS_REGULAR_EXPRESSION "${expected}"
        ENVIRONMENT "KHARITA_GAZETTEER=${KHARITA_DEFAULT_GAZETTEER}")
endfunction()
kharita_locate_test(finds_the_town "\"id\":\"good\",\"locations\":\\[{\"end\":34,\"geonameid\":[0-9]+,[^]]*\"name\":\"Gharyan\",[^]]*\"start\":27")
kharita_locate_test(goes_on_after_bad_lines "\"id\":\"last\"")
kharita_locate_test(event_past_the_text "locate-input.jsonl:2: event.end 90 is past the text's 12 code points")
kharita_locate_test(inverted_event "locate-input.jsonl:3: event.start 8 is after event.end 6")
kharita_locate_test(empty_event "locate-input.jsonl:4: event is empty")
kharita_locate_test(missing_event "locate-input.jsonl:5: event: missing")
kharita_locate_test(not_json "locate-input.jsonl:6: not JSON")
kharita_locate_test(counts_the_problems "5 problem\\(s\\) in the input")
add_test(NAME cli.locate_bad_lines_fail COMMAND ${K} locate --jsonl ${LOCATE_IN})
set_tests_properties(cli.locate_bad_lines_fail PROPERTIES WILL_FAIL TRUE
    ENVIRONMENT "KHARITA_GAZETTEER=${KHARITA_DEFAULT_GAZETTEER}")
add_test(NAME cli.locate_reads_standard_input COMMAND sh -c
    "head -1 '${LOCATE_IN}' | '${K}' locate --jsonl -")
set_tests_properties(cli.locate_reads_standard_input PROPERTIES
    PASS_REGULAR_EXPRESSION "\"name\":\"Gharyan\""
    ENVIRONMENT "KHARITA_GAZETTEER=${KHARITA_DEFAULT_GAZETTEER}")
add_test(NAME cli.locate_missing_file_fails COMMAND ${K} locate --jsonl /nonexistent/in.jsonl)
set_tests_properties(cli.locate_missing_file_fails PROPERTIES WILL_FAIL TRUE)

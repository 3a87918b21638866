# `kharita animate`: an animation of the sample store, and each bad input refused with the
# option named, a non-zero exit and no file left behind. Included from
# tests/cli/CMakeLists.txt.
if(NOT TARGET kharita_render)
    return()
endif()
get_target_property(kharita_render_definitions kharita_render INTERFACE_COMPILE_DEFINITIONS)
if(NOT "KHARITA_HAS_ANIMATION=1" IN_LIST kharita_render_definitions)
    return()
endif()
set(ANIM_DIR ${CMAKE_CURRENT_BINARY_DIR}/animate)
file(MAKE_DIRECTORY ${ANIM_DIR})
add_test(NAME cli.animate_samples_gif COMMAND sh -c
    "rm -f '${ANIM_DIR}/samples.gif' && '${K}' animate --db '${STORE}' --from 2025-05-01 --to 2025-05-20 --size 320x200 --title Samples -o '${ANIM_DIR}/samples.gif' && test -s '${ANIM_DIR}/samples.gif'")
set_tests_properties(cli.animate_samples_gif PROPERTIES FIXTURES_REQUIRED store
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen"
    PASS_REGULAR_EXPRESSION "samples.gif: 20 frames at 10 fps \\(2.0 s\\), 320x200, gif")
# The message must name the option; the command must fail and leave neither the file nor
# its temporary beside it.
function(kharita_animate_bad name expected output)
    string(JOIN " " args ${ARGN})
    add_test(NAME cli.animate_${name} COMMAND sh -c
        "rm -f '${output}'; if '${K}' animate --db '${STORE}' -o '${output}' ${args}; then echo UNEXPECTED-SUCCESS; fi; if [ -e '${output}' ] || [ -e '${output}.part' ]; then echo LEFT-BEHIND; fi")
    set_tests_properties(cli.animate_${name} PROPERTIES FIXTURES_REQUIRED store
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen"
        PASS_REGULAR_EXPRESSION "${expected}" FAIL_REGULAR_EXPRESSION "UNEXPECTED-SUCCESS|LEFT-BEHIND")
endfunction()
set(BAD ${ANIM_DIR}/never.mp4)
kharita_animate_bad(empty_date_range "kharita: --from/--to: date range: " ${BAD}
    --from 2025-05-20 --to 2025-05-01)
kharita_animate_bad(missing_dates "kharita: --from: is required" ${BAD} --to 2025-05-01)
kharita_animate_bad(step_longer_than_range "kharita: --step: step: one step \\(31 days\\) is longer than the date range \\(10 days\\)"
    ${BAD} --from 2025-05-01 --to 2025-05-10 --step 1M)
kharita_animate_bad(bad_window "kharita: --window: \"forever\" is not a period" ${BAD}
    --from 2025-05-01 --to 2025-05-10 --window forever)
kharita_animate_bad(unknown_extension "kharita: -o/--output: .*never.avi. does not end in .mp4, .webm or .gif"
    ${ANIM_DIR}/never.avi --from 2025-05-01 --to 2025-05-10)
kharita_animate_bad(missing_folder "kharita: -o/--output: no folder .*/no-such-folder to write into"
    ${ANIM_DIR}/no-such-folder/never.mp4 --from 2025-05-01 --to 2025-05-10)
kharita_animate_bad(unwritable_path "kharita: /proc/never.mp4: cannot write the file" /proc/never.mp4
    --from 2025-05-01 --to 2025-05-10 --size 160x100)
kharita_animate_bad(size_zero "kharita: --size: size: 0x100 is not between 1 and 8192 pixels a side"
    ${BAD} --from 2025-05-01 --to 2025-05-10 --size 0x100)
kharita_animate_bad(size_over_8192 "kharita: --size: size: 8194x100 is not between 1 and 8192 pixels a side"
    ${BAD} --from 2025-05-01 --to 2025-05-10 --size 8194x100)

# Project-wide warning and sanitizer flags, applied through an interface target so
# that third-party code is not affected.
add_library(kharita_warnings INTERFACE)
add_library(kharita::warnings ALIAS kharita_warnings)
target_compile_options(kharita_warnings INTERFACE
    $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                   -Wno-sign-conversion>
    $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>
    $<$<BOOL:${KHARITA_WERROR}>:-Werror>)
if(KHARITA_SANITIZE)
    target_compile_options(kharita_warnings INTERFACE
        -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
    target_link_options(kharita_warnings INTERFACE -fsanitize=address,undefined)
endif()

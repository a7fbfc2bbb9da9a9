# One interface target carries the language standard, warnings and the Qt defines every
# PromptCraft target builds with.
add_library(pc_options INTERFACE)
target_compile_features(pc_options INTERFACE cxx_std_20)
target_compile_definitions(pc_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_FOREACH
    QT_NO_KEYWORDS
    QT_USE_QSTRINGBUILDER
    QT_DISABLE_DEPRECATED_UP_TO=0x060400
    PC_VERSION="${PROJECT_VERSION}")
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(pc_options INTERFACE -Wall -Wextra $<$<CXX_COMPILER_ID:GNU>:-Wshadow=local> -Wnon-virtual-dtor -Wcast-qual
                                                -Woverloaded-virtual)
    if(PC_WERROR)
        target_compile_options(pc_options INTERFACE -Werror)
    endif()
    if(PC_FUZZ)
        target_compile_options(pc_options INTERFACE -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
        target_link_options(pc_options INTERFACE -fsanitize=address,undefined)
    endif()
    if(PC_SANITIZE)
        target_compile_options(pc_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                                                    -fno-sanitize-recover=undefined)
        target_link_options(pc_options INTERFACE -fsanitize=address,undefined)
    endif()
elseif(MSVC)
    target_compile_options(pc_options INTERFACE /W4 /permissive- /utf-8)
    if(PC_WERROR)
        target_compile_options(pc_options INTERFACE /WX)
    endif()
endif()

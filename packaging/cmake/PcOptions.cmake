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

# With Ninja, AUTOMOC's depfile (CMake 3.25) names the headers it has seen, not the glob, so a header
# added after the first build is never moc'ed (undefined signals at link time). The glob re-runs CMake;
# when a target's header list changed, drop its autogen stamp so that moc runs again.
function(pc_refresh_automoc target)
    set(headers ${ARGN})
    list(FILTER headers INCLUDE REGEX "\\.h$")
    string(SHA1 hash "${headers}")
    if(NOT hash STREQUAL "${PC_AUTOMOC_HEADERS_${target}}")
        file(REMOVE ${CMAKE_CURRENT_BINARY_DIR}/${target}_autogen/timestamp)
        set(PC_AUTOMOC_HEADERS_${target} "${hash}" CACHE INTERNAL "headers of ${target} at the last configure")
    endif()
endfunction()

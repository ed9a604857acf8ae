# SPDX-FileCopyrightText: 2026 build-service contributors
#
# SPDX-License-Identifier: BSD-2-Clause

# Writes a man page from a program's own --help and --version (help2man), so the page cannot
# drift from the program. Run with cmake -P and:
#   HELP2MAN  path of help2man          PROGRAM  the built program
#   NAME      one-line description      OUTPUT   the .1 file to write
#   INCLUDE   a help2man include file with extra sections (SEE ALSO, ...), optional
#   COMMANDS  "|"-separated subcommands whose `PROGRAM help <command>` text becomes a
#             COMMANDS section ("cache stats" runs `PROGRAM help cache stats`), optional
# The help is taken in English (LC_ALL=C.UTF-8, no LANGUAGE), whatever the build machine's locale.
foreach(var HELP2MAN PROGRAM NAME OUTPUT)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "GenerateManPage.cmake: ${var} is not set")
    endif()
endforeach()

set(ENV{LC_ALL} C.UTF-8)
set(ENV{LANGUAGE} "")

# roff needs its escape character, leading dots and quotes protected; "\-" keeps option
# dashes ASCII minus signs (copy and paste from the rendered page works).
function(bs_roff_escape text out)
    string(REPLACE "\\" "\\e" text "${text}")
    string(REPLACE "-" "\\-" text "${text}")
    string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
    set(${out} "${text}" PARENT_SCOPE)
endfunction()

set(include_text "")
if(DEFINED INCLUDE AND NOT INCLUDE STREQUAL "")
    file(READ "${INCLUDE}" include_text)
endif()
if(DEFINED COMMANDS AND NOT COMMANDS STREQUAL "")
    string(REPLACE "|" ";" COMMANDS "${COMMANDS}")
    string(APPEND include_text "\n[COMMANDS]\n")
    foreach(command IN LISTS COMMANDS)
        string(REPLACE " " ";" words "${command}")
        execute_process(COMMAND "${PROGRAM}" help ${words} OUTPUT_VARIABLE help RESULT_VARIABLE rc)
        if(NOT rc EQUAL 0 OR help STREQUAL "")
            message(FATAL_ERROR "`${PROGRAM} help ${command}` failed (${rc})")
        endif()
        bs_roff_escape("${help}" help)
        string(APPEND include_text ".SS \"${command}\"\n.nf\n${help}.fi\n")
    endforeach()
endif()
get_filename_component(output_dir "${OUTPUT}" DIRECTORY)
set(include_file "${OUTPUT}.include")
file(WRITE "${include_file}" "${include_text}")

execute_process(COMMAND "${HELP2MAN}" --no-info --no-discard-stderr "--name=${NAME}" "--include=${include_file}"
                        "--output=${OUTPUT}" "${PROGRAM}"
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "help2man failed for ${PROGRAM}: ${err}")
endif()

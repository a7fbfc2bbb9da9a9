# Install layout and CPack packages for PromptCraft.
#
# Included once from the root CMakeLists.txt after every subdirectory, so that all targets exist.
# Two components, packaged separately where the platform allows it:
#   engine   promptcraft-engine, its man page and (Linux) the systemd unit: what a server needs.
#   desktop  promptcraft (when the target exists), its desktop file, AppStream metainfo, icons, man page.
# A server therefore installs no widget or GUI libraries, and the desktop app does not need the engine
# package (it runs the engine in-process).
#
# Linux:   cpack -G DEB  -> promptcraft-engine_<v>_<arch>.deb, promptcraft_<v>_<arch>.deb
# Windows: cpack -G NSIS (one installer, components selectable)
# macOS:   cpack -G DragNDrop (PromptCraft.app with the engine inside the bundle)

include(GNUInstallDirs)

set(PC_APP_ID "io.promptcraft.PromptCraft")
set(PC_HOMEPAGE "https://promptcraft.io/" CACHE STRING "Project homepage recorded in packages")
set(PC_PACKAGE_MAINTAINER "PromptCraft developers <packaging@promptcraft.io>"
    CACHE STRING "Maintainer recorded in packages (Name <email>)")
set(PC_SYSTEMD_UNIT_DIR "lib/systemd/system" CACHE STRING
    "Where the systemd unit is installed (relative to the install prefix)")

set(_pc_src "${PROJECT_SOURCE_DIR}")
set(_pc_linux "${_pc_src}/packaging/linux")
set(_pc_have_app OFF)
if(TARGET promptcraft)
    set(_pc_have_app ON)
endif()

# --- binaries --------------------------------------------------------------------------------------
if(APPLE)
    # The engine travels inside the app bundle; without the app it is a plain command-line tool.
    if(_pc_have_app)
        set_target_properties(promptcraft PROPERTIES
            MACOSX_BUNDLE ON
            OUTPUT_NAME PromptCraft
            MACOSX_BUNDLE_BUNDLE_NAME PromptCraft
            MACOSX_BUNDLE_GUI_IDENTIFIER ${PC_APP_ID}
            MACOSX_BUNDLE_BUNDLE_VERSION ${PROJECT_VERSION}
            MACOSX_BUNDLE_SHORT_VERSION_STRING ${PROJECT_VERSION}
            MACOSX_BUNDLE_ICON_FILE promptcraft.icns)
        set(_pc_icns "${_pc_src}/packaging/macos/promptcraft.icns")
        if(EXISTS "${_pc_icns}")
            target_sources(promptcraft PRIVATE "${_pc_icns}")
            set_source_files_properties("${_pc_icns}" TARGET_DIRECTORY promptcraft
                                        PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
        else()
            message(WARNING "packaging/macos/promptcraft.icns is missing: the app bundle gets no icon "
                            "(see packaging/macos/README.md)")
        endif()
        install(TARGETS promptcraft BUNDLE DESTINATION . COMPONENT desktop)
        install(TARGETS promptcraft-engine RUNTIME DESTINATION PromptCraft.app/Contents/MacOS
                COMPONENT desktop)
    else()
        install(TARGETS promptcraft-engine RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT engine)
    endif()
else()
    install(TARGETS promptcraft-engine RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT engine)
    if(_pc_have_app)
        if(WIN32)
            set_target_properties(promptcraft PROPERTIES WIN32_EXECUTABLE ON)
        endif()
        install(TARGETS promptcraft RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT desktop)
    endif()
endif()

# Windows and macOS packages carry their own Qt: windeployqt / macdeployqt run at install time.
if((WIN32 OR APPLE) AND COMMAND qt_generate_deploy_app_script)
    foreach(_pc_target promptcraft promptcraft-engine)
        if(TARGET ${_pc_target} AND NOT (APPLE AND _pc_target STREQUAL "promptcraft-engine"))
            # Qt 6.4 names the result FILENAME_VARIABLE; 6.5 renamed it OUTPUT_SCRIPT.
            if(Qt6_VERSION VERSION_GREATER_EQUAL 6.5)
                qt_generate_deploy_app_script(TARGET ${_pc_target} OUTPUT_SCRIPT _pc_deploy_script
                                              NO_UNSUPPORTED_PLATFORM_ERROR)
            else()
                qt_generate_deploy_app_script(TARGET ${_pc_target} FILENAME_VARIABLE _pc_deploy_script
                                              NO_UNSUPPORTED_PLATFORM_ERROR)
            endif()
            if(_pc_target STREQUAL "promptcraft")
                install(SCRIPT "${_pc_deploy_script}" COMPONENT desktop)
            else()
                install(SCRIPT "${_pc_deploy_script}" COMPONENT engine)
            endif()
        endif()
    endforeach()
endif()

# --- Linux desktop integration, man pages, service -------------------------------------------------
if(UNIX AND NOT APPLE)
    # Man pages are installed gzipped (-n: no name or time stamp, so packages are reproducible).
    find_program(PC_GZIP_EXECUTABLE gzip REQUIRED)
    set(_pc_man_dir "${PROJECT_BINARY_DIR}/packaging/man/man1")
    set(_pc_man_outputs "")
    foreach(_pc_page promptcraft promptcraft-engine)
        add_custom_command(
            OUTPUT "${_pc_man_dir}/${_pc_page}.1.gz"
            COMMAND ${CMAKE_COMMAND} -E make_directory "${_pc_man_dir}"
            COMMAND ${CMAKE_COMMAND} -E copy "${_pc_linux}/${_pc_page}.1" "${_pc_man_dir}/${_pc_page}.1"
            COMMAND ${PC_GZIP_EXECUTABLE} -9 -n -f "${_pc_man_dir}/${_pc_page}.1"
            DEPENDS "${_pc_linux}/${_pc_page}.1"
            COMMENT "Compressing man page ${_pc_page}.1"
            VERBATIM)
        list(APPEND _pc_man_outputs "${_pc_man_dir}/${_pc_page}.1.gz")
    endforeach()
    add_custom_target(pc_man_pages ALL DEPENDS ${_pc_man_outputs})

    # engine
    install(FILES "${_pc_man_dir}/promptcraft-engine.1.gz" DESTINATION ${CMAKE_INSTALL_MANDIR}/man1
            COMPONENT engine)
    install(FILES "${_pc_linux}/promptcraft-engine.service" DESTINATION ${PC_SYSTEMD_UNIT_DIR}
            COMPONENT engine)
    install(FILES "${_pc_linux}/engine.env.example" DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/promptcraft-engine
            COMPONENT engine)
    install(FILES "${_pc_src}/LICENSE" DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/promptcraft-engine
            RENAME copyright COMPONENT engine)

    # desktop (only with the app: a desktop file must not point at a program that is not installed)
    if(_pc_have_app)
        install(FILES "${_pc_man_dir}/promptcraft.1.gz" DESTINATION ${CMAKE_INSTALL_MANDIR}/man1
                COMPONENT desktop)
        install(FILES "${_pc_src}/resources/linux/${PC_APP_ID}.desktop"
                DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/applications COMPONENT desktop)
        install(FILES "${_pc_src}/resources/linux/${PC_APP_ID}.metainfo.xml"
                DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/metainfo COMPONENT desktop)
        foreach(_pc_size 16 24 32 48 64 128 256 512)
            install(FILES "${_pc_src}/resources/icons/hicolor/${_pc_size}x${_pc_size}/apps/${PC_APP_ID}.png"
                    DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/icons/hicolor/${_pc_size}x${_pc_size}/apps
                    COMPONENT desktop)
        endforeach()
        install(FILES "${_pc_src}/resources/icons/${PC_APP_ID}.svg"
                DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/icons/hicolor/scalable/apps COMPONENT desktop)
        install(FILES "${_pc_src}/LICENSE" DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/promptcraft
                RENAME copyright COMPONENT desktop)
    endif()
endif()

# --- CPack: common ---------------------------------------------------------------------------------
set(CPACK_PACKAGE_NAME "promptcraft")
set(CPACK_PACKAGE_VENDOR "PromptCraft developers")
set(CPACK_PACKAGE_CONTACT "${PC_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PROJECT_CONFIG_FILE "${CMAKE_CURRENT_LIST_DIR}/PcCPackOptions.cmake")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PC_HOMEPAGE}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "PromptCraft")
set(CPACK_RESOURCE_FILE_LICENSE "${_pc_src}/LICENSE")
set(CPACK_PACKAGE_CHECKSUM SHA256)
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_IGNORE_FILES "/\\\\.git/" "/build[^/]*/" "/node_modules/" "/\\\\.cache/")

set(CPACK_COMPONENTS_ALL engine)
if(_pc_have_app)
    list(APPEND CPACK_COMPONENTS_ALL desktop)
endif()
if(APPLE AND _pc_have_app)
    set(CPACK_COMPONENTS_ALL desktop)
endif()
set(CPACK_COMPONENT_ENGINE_DISPLAY_NAME "PromptCraft engine (headless server)")
set(CPACK_COMPONENT_ENGINE_DESCRIPTION
    "Headless PromptCraft engine: serves the PromptCraft chat protocol over WebSocket for many users and web frontends.")
set(CPACK_COMPONENT_DESKTOP_DISPLAY_NAME "PromptCraft")
set(CPACK_COMPONENT_DESKTOP_DESCRIPTION
    "The PromptCraft desktop application with its built-in engine.")

# --- DEB -------------------------------------------------------------------------------------------
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${PC_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PC_HOMEPAGE}")
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
# dpkg-shlibdeps (dpkg-dev, with `file`) computes the libraries' packages; what is loaded at run time as
# a plugin or through dlopen is invisible to it and is listed by hand below.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_ENGINE_PACKAGE_NAME "promptcraft-engine")
# Qt's SQLite driver is a plugin; ca-certificates lets the TLS backend verify the AI providers.
set(CPACK_DEBIAN_ENGINE_PACKAGE_DEPENDS "libqt6sql6-sqlite, ca-certificates")
set(CPACK_DEBIAN_ENGINE_DESCRIPTION
"PromptCraft engine: AI chat server for the PromptCraft protocol
The headless engine of PromptCraft. It serves the PromptCraft chat protocol over
WebSocket to the desktop application and to web frontends, authenticates users
with HS256 access tokens, answers through DeepSeek or an OpenAI-compatible
fallback provider with streaming, keeps sessions and messages in SQLite, and
detects and optimizes prompt templates.

Includes a hardened systemd unit (not enabled by default).")
set(CPACK_DEBIAN_ENGINE_PACKAGE_CONTROL_EXTRA
    "${_pc_linux}/debian/engine/postinst;${_pc_linux}/debian/engine/prerm;${_pc_linux}/debian/engine/postrm")

set(CPACK_DEBIAN_DESKTOP_PACKAGE_NAME "promptcraft")
# SQLite driver, SVG icon engine and windowing plugins are Qt plugins; QtKeychain dlopens libsecret.
# Recommended: Wayland support and a keyring daemon (any Secret Service provider, or KWallet).
set(CPACK_DEBIAN_DESKTOP_PACKAGE_DEPENDS
    "libqt6sql6-sqlite, libqt6svg6, qt6-qpa-plugins, libsecret-1-0, ca-certificates")
set(CPACK_DEBIAN_DESKTOP_PACKAGE_RECOMMENDS
    "qt6-wayland, hicolor-icon-theme, gnome-keyring | libkf5wallet-bin | keepassxc")
set(CPACK_DEBIAN_DESKTOP_DESCRIPTION
"Native AI chat client with prompt templates and optimization
PromptCraft is a Qt desktop client for chatting with AI models: DeepSeek or any
OpenAI-compatible service, including a model server on the same computer.
Conversations are kept in a local database and can be searched, pinned and
archived; good prompts become reusable templates with placeholders, and a
prompt optimizer suggests clearer versions before sending. API keys live in
the desktop keyring. Without a reachable provider it says so plainly.")

# --- NSIS (Windows) --------------------------------------------------------------------------------
if(WIN32)
    set(CPACK_GENERATOR NSIS)
    set(CPACK_NSIS_PACKAGE_NAME "PromptCraft")
    set(CPACK_NSIS_DISPLAY_NAME "PromptCraft ${PROJECT_VERSION}")
    set(CPACK_NSIS_URL_INFO_ABOUT "${PC_HOMEPAGE}")
    set(CPACK_NSIS_HELP_LINK "${PC_HOMEPAGE}")
    set(CPACK_NSIS_CONTACT "${PC_PACKAGE_MAINTAINER}")
    set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
    set(CPACK_NSIS_EXECUTABLES_DIRECTORY "${CMAKE_INSTALL_BINDIR}")
    set(_pc_ico "${_pc_src}/packaging/windows/promptcraft.ico")
    if(EXISTS "${_pc_ico}")
        set(CPACK_NSIS_MUI_ICON "${_pc_ico}")
        set(CPACK_NSIS_MUI_UNIICON "${_pc_ico}")
    else()
        message(WARNING "packaging/windows/promptcraft.ico is missing: the installer uses NSIS's icon "
                        "(see packaging/windows/README.md)")
    endif()
    if(_pc_have_app)
        set(CPACK_PACKAGE_EXECUTABLES "promptcraft;PromptCraft")
        set(CPACK_CREATE_DESKTOP_LINKS "promptcraft")
        set(CPACK_NSIS_INSTALLED_ICON_NAME "${CMAKE_INSTALL_BINDIR}\\\\promptcraft.exe")
        set(CPACK_NSIS_MUI_FINISHPAGE_RUN "promptcraft.exe")
    endif()
endif()

# --- DragNDrop (macOS) -----------------------------------------------------------------------------
if(APPLE)
    set(CPACK_GENERATOR DragNDrop)
    set(CPACK_DMG_VOLUME_NAME "PromptCraft")
    set(CPACK_DMG_FORMAT UDZO)
    set(CPACK_COMPONENTS_GROUPING ALL_COMPONENTS_IN_ONE)
    set(CPACK_PACKAGE_FILE_NAME "PromptCraft-${PROJECT_VERSION}")
    if(EXISTS "${_pc_src}/packaging/macos/promptcraft.icns")
        set(CPACK_PACKAGE_ICON "${_pc_src}/packaging/macos/promptcraft.icns")
    endif()
endif()

if(NOT CPACK_GENERATOR)
    set(CPACK_GENERATOR DEB)
endif()

include(CPack)

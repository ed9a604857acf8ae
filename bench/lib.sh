# SPDX-FileCopyrightText: 2026 build-service contributors
#
# SPDX-License-Identifier: BSD-2-Clause

# Shared by the bench scripts: find the repository, the build directory and the two binaries.
# Sets repo_root, build_dir (absolute), cli and server_bin; calls die() (defined by the caller)
# when something is missing. Usage: locate_binaries "$build_dir_or_empty"
locate_binaries() {
    repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    build_dir=${1:-$repo_root/build}
    [[ -d $build_dir ]] || die "build directory not found: $build_dir"
    build_dir=$(cd "$build_dir" && pwd)
    cli=$build_dir/bin/build-service
    server_bin=$build_dir/bin/build-service-server
    [[ -x $cli ]] || die "client not found: $cli (build with: cmake -S $repo_root -B $build_dir && make -C $build_dir -j2)"
    [[ -x $server_bin ]] || die "server not found: $server_bin"
}

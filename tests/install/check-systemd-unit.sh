#!/bin/sh

# SPDX-FileCopyrightText: 2026 build-service contributors
#
# SPDX-License-Identifier: BSD-2-Clause

# Checks the systemd unit with `systemd-analyze verify`: exit 0 when it is clean, 1 on any
# error or warning (verify reports unknown keys and bad values as warnings only), 77 (skipped)
# when verify cannot run here, with the reason.
set -u
unit=$1

if ! command -v systemd-analyze >/dev/null 2>&1; then
    echo "SKIP: systemd-analyze not found (Debian package systemd); the unit was not verified"
    exit 77
fi

# Can verify work in this environment at all? A minimal unit must pass first; if it does
# not (no systemd, a container without the needed paths), verify cannot judge ours either.
probe_dir=$(mktemp -d) || exit 1
trap 'rm -rf "$probe_dir"' EXIT
printf '[Service]\nExecStart=/bin/true\n' > "$probe_dir/bs-probe.service"
if ! probe=$(systemd-analyze verify --man=no "$probe_dir/bs-probe.service" 2>&1) || [ -n "$probe" ]; then
    echo "SKIP: systemd-analyze verify does not work here (it rejects a minimal unit too):"
    echo "$probe"
    exit 77
fi

# Documentation=man:... is checked by the man page tests; verify would look in the system's MANPATH.
out=$(systemd-analyze verify --man=no "$unit" 2>&1)
status=$?
echo "$out"
if [ $status -ne 0 ] || [ -n "$out" ]; then
    echo "FAIL: systemd-analyze verify reported the above for $unit"
    exit 1
fi

# Settings the drain and the sandbox depend on (docs/operations.md explains each).
for line in 'KillMode=mixed' 'NoNewPrivileges=yes' 'ProtectSystem=strict' 'ProtectHome=yes' 'PrivateTmp=yes' \
            'RestrictSUIDSGID=yes' 'StateDirectory=build-service' 'ExecReload=/bin/kill -HUP $MAINPID' \
            'WantedBy=multi-user.target'; do
    if ! grep -qxF "$line" "$unit"; then
        echo "FAIL: $unit lacks the line: $line"
        exit 1
    fi
done
for line in 'RestrictNamespaces=yes' 'PrivateUsers=yes' 'ProtectKernelTunables=yes'; do
    if grep -qxF "$line" "$unit"; then
        echo "FAIL: $unit sets $line, which breaks builds in a bubblewrap sandbox"
        exit 1
    fi
done
echo "OK: $unit"

#!/bin/bash
# Wall time and the CPU of a command's whole process tree, Chromium's renderers included (they are
# children of Chromium's zygote, which GNU time does not count): the command runs in a cgroup v1
# cpuacct group of its own. Needs root and /sys/fs/cgroup/cpuacct (as on these machines).
# Usage: scripts/cgroup-cpu.sh node dist/cli/main.js batch CONFIG --out DIR --force --quiet
set -euo pipefail
group=/sys/fs/cgroup/cpuacct/policy-briefs.$$
mkdir -p "$group"
start=$(date +%s.%N)
bash -c "echo \$\$ > $group/cgroup.procs; exec \"\$@\"" _ "$@" >/dev/null 2>&1 || echo "(exit $?)"
end=$(date +%s.%N)
usage=$(cat "$group/cpuacct.usage")
sleep 0.2
rmdir "$group" 2>/dev/null || true
echo "wall $(echo "$end - $start" | bc | cut -c1-6) s, tree cpu $(echo "$usage / 1000000000" | bc -l | cut -c1-5) s"

#!/bin/sh
# Berth task wrapper: started by the agent through `setsid`, so this shell is session leader and
# process group leader (its pid is the pgid the agent signals). Its stdout/stderr are the sandbox
# files, never pipes, so it keeps running and logging when the agent dies.
#
#   sh task-wrapper.sh META_DIR COMMAND [CGROUP_PROCS_FILE ...]
#
# 1. joins the task's cgroups BEFORE anything else runs, so no child can escape them;
# 2. records "PID STARTTIME" in META_DIR/pid (the agent's identity of the task across restarts);
# 3. runs COMMAND with /bin/sh -c as a foreground child and waits for it;
# 4. writes the child's exit status atomically to META_DIR/exit_status and exits with it, so an
#    agent that did not spawn this process (it restarted) still learns how the task ended.
#
# Exit 125 without running COMMAND means the wrapper could not set the task up (see stderr).

meta=$1
command=$2
if [ -z "$meta" ] || [ -z "$command" ]; then
    echo "berth-wrapper: usage: task-wrapper.sh META_DIR COMMAND [CGROUP_PROCS_FILE ...]" >&2
    exit 125
fi
shift 2

for procs in "$@"; do
    if ! echo $$ 2>/dev/null > "$procs"; then
        echo "berth-wrapper: cannot move pid $$ into cgroup $procs; the task is not started" >&2
        exit 125
    fi
done

# A handler, not '' (ignore): an ignored signal would stay ignored in the command, which then
# could not be stopped with TERM. The whole process group gets the agent's TERM, so the command
# receives it directly; this shell only has to survive it to record the exit status. A foreground
# child is waited for until it really ends: dash and bash run the handler after the child exits,
# they do not abandon the wait as the `wait` builtin would.
trap 'berth_signal=TERM' TERM
trap 'berth_signal=INT' INT
trap 'berth_signal=HUP' HUP

# Field 22 of /proc/$$/stat is the start time; fields are counted after the ") " that ends field 2.
set -f
read -r berth_stat < /proc/$$/stat
set -- ${berth_stat##*) }
set +f
if ! printf '%s %s\n' "$$" "${20}" > "$meta/pid.tmp" || ! command -p mv -f "$meta/pid.tmp" "$meta/pid"; then
    echo "berth-wrapper: cannot write $meta/pid; the task is not started" >&2
    exit 125
fi

/bin/sh -c "$command"
berth_status=$?

printf '%s\n' "$berth_status" > "$meta/exit_status.tmp" && command -p mv -f "$meta/exit_status.tmp" "$meta/exit_status"
exit "$berth_status"

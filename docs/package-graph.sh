#!/usr/bin/env bash
# Prints Berth's package dependency graph as the compiled classes have it: one line per package with the
# Berth packages it uses. Needs the classes: `mvn -B -q -DskipTests package` first (or any build).
#   bash docs/package-graph.sh > docs/package-graph.txt
set -euo pipefail
cd "$(dirname "$0")/.."
dirs=()
for m in reservations persistent-volumes scheduler-core frameworks/kafka frameworks/cassandra berth-app; do
  [ -d "$m/target/classes" ] || { echo "package-graph: $m/target/classes is missing; build first" >&2; exit 1; }
  dirs+=("$m/target/classes")
done
jdeps -verbose:package -filter:package -e 'dev\.berth\..*' "${dirs[@]}" 2>/dev/null \
  | awk '$1 ~ /^dev\.berth\./ && $2 == "->" && $3 ~ /^dev\.berth\./ { print $1, $3 }' \
  | sed 's/dev\.berth\.//g' | sort -u \
  | awk '{ deps[$1] = deps[$1] (deps[$1] ? ", " : "") $2 } END { for (p in deps) print p " -> " deps[p] }' | sort

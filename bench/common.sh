# Shared by the benchmark scripts (sourced, not run): finding or building what they measure, and
# writing results into bench/README.md. Expects $root (the repository) to be set.

# Prints the distribution tarball: the one given, else dist/target/opencem-*.tar.gz, built when missing.
dist_tarball() { # [tarball]
  local tarball=${1:-}
  if [ -z "$tarball" ]; then
    shopt -s nullglob
    local found=("$root"/dist/target/opencem-*.tar.gz)
    shopt -u nullglob
    if [ ${#found[@]} -eq 0 ]; then
      echo "building the distribution (./mvnw -B -o -q -DskipTests package -pl dist -am)" >&2
      (cd "$root" && ./mvnw -B -o -q -DskipTests package -pl dist -am) >&2
      found=("$root"/dist/target/opencem-*.tar.gz)
    fi
    tarball=${found[0]}
  fi
  [ -f "$tarball" ] || { echo "no such tarball: $tarball" >&2; return 2; }
  printf '%s\n' "$tarball"
}

# Builds the bench module when one of the given classes (or its copied dependencies) is missing.
ensure_bench_module() { # class-name...
  local class missing=no
  for class in "$@"; do
    [ -f "$root/bench/target/classes/org/opencem/bench/$class.class" ] || missing=yes
  done
  if [ $missing = yes ] || [ ! -d "$root/bench/target/lib" ] || [ ! -d "$root/bench/target/bare-lib" ]; then
    echo "building the bench module (./mvnw -B -o -q package -pl bench)" >&2
    (cd "$root" && ./mvnw -B -o -q package -pl bench) >&2
  fi
}

# Replaces the lines between <!-- NAME:start --> and <!-- NAME:end --> in FILE with CONTENT-FILE.
replace_section() { # file name content-file
  awk -v name="$2" -v content="$3" '
    $0 == "<!-- " name ":start -->" { print; while ((getline line < content) > 0) print line; skip = 1; next }
    $0 == "<!-- " name ":end -->" { skip = 0 }
    !skip' "$1" >"$1.tmp" && mv "$1.tmp" "$1"
}

# Prints the machine: cores, memory, Java, kernel, CPU model, as a fenced block.
machine_info() { # java
  echo '```'
  echo '$ nproc'; nproc
  echo '$ free -h'; free -h
  echo '$ java -version'; "$1" -version 2>&1
  echo '$ uname -srm'; uname -srm
  echo "$ grep -m1 'model name' /proc/cpuinfo"; grep -m1 'model name' /proc/cpuinfo
  echo '```'
}

# Prints a TCP port on 127.0.0.1 that nothing listens on.
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    (: <"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

# Prints the calling script's help: its leading comment block, up to `set -euo`.
print_help() { # script
  sed -n '2,/^set -euo/p' "$1" | sed '$d' | sed 's/^# \{0,1\}//'
}

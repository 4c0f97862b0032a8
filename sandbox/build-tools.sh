#!/usr/bin/env bash
# Finds or builds the two real binaries the sandbox needs, cached outside the repository
# (CI clones fresh) and keyed by version, so only the first run on a machine pays for the build:
#   - OpenTofu, built from its Go module (go.mod has a replace directive, so `go install` refuses);
#   - the hashicorp/aws provider, built from its Go module at a pinned commit and laid out as a
#     filesystem mirror that `tofu init` reads offline through a CLI config file.
# Prints, last, the environment lines the harness reads (TOFU_BIN=..., TF_CLI_CONFIG_FILE=...).
set -euo pipefail

TOFU_VERSION="${TOFU_VERSION:-1.12.6}"
# Believed to be the v6.36.0 release; the version is read from the module itself, never assumed.
AWS_PROVIDER_COMMIT="${AWS_PROVIDER_COMMIT:-00a35305dc1b}"
# What `go mod download` is asked for: the commit, or its full pseudo-version.
AWS_PROVIDER_MODULE_VERSION="${AWS_PROVIDER_MODULE_VERSION:-$AWS_PROVIDER_COMMIT}"
# Where a released provider binary may already sit (registry layout), used when the build cannot run.
AWS_PROVIDER_PREBUILT_DIR="${AWS_PROVIDER_PREBUILT_DIR:-/opt/tf-plugins}"
CACHE="${AWS_ORG_CDKTF_CACHE:-$HOME/.cache/aws-org-cdktf}"
# The provider is ~700 MB of code: two compile jobs and a soft heap limit per compiler keep a
# 2-core / 24 GiB machine from being killed while linking.
BUILD_JOBS="${BUILD_JOBS:-2}"
export GOMEMLIMIT="${GOMEMLIMIT:-6GiB}"
export GOFLAGS="-buildvcs=false"
export GOTOOLCHAIN=local

log() { printf '[build-tools %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# go build -v prints one line per package compiled; turn that into a progress line now and then.
progress() {
  local label=$1 n=0 start=$SECONDS
  while IFS= read -r _; do
    n=$((n + 1))
    if ((n % 200 == 0)); then log "$label: $n packages compiled ($((SECONDS - start)) s)"; fi
  done
  log "$label: $n packages compiled in total ($((SECONDS - start)) s)"
}

# Downloads a module into the module cache and copies it somewhere writable; echoes that dir.
fetch_module() {
  local module=$1 dest=$2 dir
  dir=$(go mod download -json "$module" 2>/dev/null | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
  [[ -n "$dir" && -d "$dir" ]] || { log "could not download $module"; return 1; }
  rm -rf "$dest"
  mkdir -p "$(dirname "$dest")"
  cp -r "$dir" "$dest"
  chmod -R u+w "$dest"
  echo "$dest"
}

build_tofu() {
  # "-release": built with dev=no, so it reports v$TOFU_VERSION like a release (not "-dev").
  local out="$CACHE/tofu/$TOFU_VERSION-release/tofu"
  if [[ -x "$out" ]]; then echo "$out"; return; fi
  # A suitable tofu on PATH is used as it is.
  if command -v tofu >/dev/null 2>&1 && TF_CLI_CONFIG_FILE=/dev/null tofu version 2>/dev/null | head -1 | grep -qx "OpenTofu v$TOFU_VERSION"; then
    command -v tofu; return
  fi
  log "building OpenTofu v$TOFU_VERSION from its Go module (a few minutes on 2 cores)"
  local src="$CACHE/src/opentofu-$TOFU_VERSION" start=$SECONDS
  fetch_module "github.com/opentofu/opentofu@v$TOFU_VERSION" "$src" >/dev/null
  mkdir -p "$(dirname "$out")"
  (cd "$src" && go build -v -p "$BUILD_JOBS" -trimpath -ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" -o "$out.tmp" ./cmd/tofu 2>&1 | progress tofu)
  mv "$out.tmp" "$out"
  rm -rf "$src"
  log "OpenTofu built in $((SECONDS - start)) s: $(TF_CLI_CONFIG_FILE=/dev/null "$out" version | head -1)"
  echo "$out"
}

# Lays a provider binary out as a filesystem mirror under $key and records its version.
install_into_mirror() {
  local key=$1 version=$2 binary=$3
  local dest="$key/mirror/registry.opentofu.org/hashicorp/aws/$version/linux_amd64/terraform-provider-aws_v${version}_x5"
  mkdir -p "$(dirname "$dest")"
  if [[ "$binary" != "$dest" ]]; then ln -sf "$binary" "$dest"; fi
  echo "$version" >"$key/VERSION"
}

cached_provider() {
  local key=$1 v
  [[ -f "$key/VERSION" ]] || return 1
  v=$(cat "$key/VERSION")
  [[ -x "$key/mirror/registry.opentofu.org/hashicorp/aws/$v/linux_amd64/terraform-provider-aws_v${v}_x5" ]]
}

build_provider_from_module() {
  local key=$1 module="github.com/hashicorp/terraform-provider-aws@$AWS_PROVIDER_MODULE_VERSION"
  log "trying to build the hashicorp/aws provider from $module"
  local src="$CACHE/src/terraform-provider-aws-$AWS_PROVIDER_COMMIT" start=$SECONDS
  fetch_module "$module" "$src" >/dev/null || return 1
  log "this is the long one: expect 20-40 minutes on 2 cores the first time; cached afterwards"
  local version; version=$(tr -d '[:space:]' <"$src/version/VERSION")
  [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { log "unexpected version/VERSION: '$version'"; return 1; }
  log "module says version/VERSION = $version; CHANGELOG.md opens with: $(grep -m1 '^## ' "$src/CHANGELOG.md")"
  local bin="$key/bin/terraform-provider-aws_v${version}_x5"
  mkdir -p "$key/bin"
  log "downloading the provider's dependencies"
  (cd "$src" && go mod download)
  log "compiling"
  (cd "$src" && go build -v -p "$BUILD_JOBS" -trimpath -ldflags "-s -w" -o "$bin.tmp" . 2>&1 | progress aws-provider)
  mv "$bin.tmp" "$bin"
  grep -m1 '^## ' "$src/CHANGELOG.md" >"$key/CHANGELOG-HEAD"
  rm -rf "$src"
  install_into_mirror "$key" "$version" "$bin"
  log "provider $version built in $((SECONDS - start)) s ($(du -h "$bin" | cut -f1))"
}

# A release binary of hashicorp/aws already on the machine (an unpacked plugin directory).
use_prebuilt_provider() {
  local key=$1 found version
  found=$(ls -1 "$AWS_PROVIDER_PREBUILT_DIR"/registry.*/hashicorp/aws/*/linux_amd64/terraform-provider-aws_v*_x5 2>/dev/null | sort -V | tail -n 1)
  [[ -n "$found" ]] || return 1
  version=$(basename "$found" | sed -E 's/^terraform-provider-aws_v(.*)_x5$/\1/')
  log "using the hashicorp/aws $version release binary found at $found"
  install_into_mirror "$key" "$version" "$found"
}

# Falls back to the release binary the machine carries; says which, in one line when warm.
use_fallback_provider() {
  local key="$CACHE/aws-provider/prebuilt"
  if cached_provider "$key" || use_prebuilt_provider "$key"; then
    echo "$key"
  else
    log "no provider could be built or found (looked in $AWS_PROVIDER_PREBUILT_DIR)"; exit 1
  fi
}

provider_dir() {
  local key="$CACHE/aws-provider/$AWS_PROVIDER_COMMIT"
  # The proxy's refusal is remembered per module version, so warm runs do not ask again.
  local refused="$CACHE/aws-provider/refused-${AWS_PROVIDER_MODULE_VERSION//\//_}"
  if cached_provider "$key"; then echo "$key"; return; fi
  if [[ -f "$refused" ]]; then
    key=$(use_fallback_provider)
    log "hashicorp/aws $(cat "$key/VERSION") (prebuilt release binary; the module proxy refused $AWS_PROVIDER_MODULE_VERSION on $(cat "$refused"), delete $refused to try again)"
    echo "$key"; return
  fi
  if ! build_provider_from_module "$key"; then
    date -u +%Y-%m-%d >"$refused"
    log "the Go module proxy refused $AWS_PROVIDER_MODULE_VERSION of github.com/hashicorp/terraform-provider-aws"
    log "(it serves this module only at exact pseudo-versions it already knows; set"
    log "AWS_PROVIDER_MODULE_VERSION=v1.60.1-0.<UTC commit time>-<commit> to build from source)"
    key=$(use_fallback_provider)
    log "falling back to a prebuilt release binary: hashicorp/aws $(cat "$key/VERSION"); this refusal is remembered in $refused"
  fi
  echo "$key"
}

write_cli_config() {
  local provider_dir=$1 cfg="$1/tofu.rc"
  cat >"$cfg" <<EOF
# Written by sandbox/build-tools.sh: serves the locally built hashicorp/aws provider to tofu init
# offline; every other provider would be fetched from its registry as usual.
provider_installation {
  filesystem_mirror {
    path    = "$provider_dir/mirror"
    include = ["registry.opentofu.org/hashicorp/aws"]
  }
  direct {
    exclude = ["registry.opentofu.org/hashicorp/aws"]
  }
}
EOF
  echo "$cfg"
}

mkdir -p "$CACHE/aws-provider"
tofu_bin=$(build_tofu)
provider_dir=$(provider_dir)
cli_config=$(write_cli_config "$provider_dir")
echo "TOFU_BIN=$tofu_bin"
echo "TF_CLI_CONFIG_FILE=$cli_config"
echo "AWS_PROVIDER_VERSION=$(cat "$provider_dir/VERSION")"

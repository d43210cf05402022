# Sourced by the scripts: one cargo target folder outside the clone, so repeated runs and
# fresh clones on the same machine reuse builds.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/ipc-lab/target}"
export PATH="$HOME/.cargo/bin:$PATH"
export npm_config_loglevel="${npm_config_loglevel:-error}"

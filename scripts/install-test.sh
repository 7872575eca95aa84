#!/bin/sh
# `make install` into a throwaway PREFIX (the debug build), then checks what a person would use:
# the binary finds its bundled scripts, `man` renders a page naming every command and global
# option the binary has, and each shell's completion file is where that shell looks and parses.
set -eu
MAKE=${MAKE:-make}
prefix=$(mktemp -d "${TMPDIR:-/tmp}/gw-install-XXXXXX")
config=$(mktemp -d "${TMPDIR:-/tmp}/gw-install-config-XXXXXX")
trap 'rm -rf "$prefix" "$config"' EXIT
failures=0
fail() { echo "install-test: FAIL: $*" >&2; failures=$((failures + 1)); }

$MAKE --no-print-directory install CONFIGURATION=debug PREFIX="$prefix" >"$prefix.log" 2>&1 || {
  cat "$prefix.log" >&2; rm -f "$prefix.log"; echo "install-test: FAIL: make install" >&2; exit 1; }
rm -f "$prefix.log"

gw="$prefix/bin/groundwork"
page="$prefix/share/man/man1/groundwork.1"
for file in "$gw" "$page" "$prefix/share/groundwork/dialogues" \
            "$prefix/share/bash-completion/completions/groundwork" \
            "$prefix/share/zsh/site-functions/_groundwork" \
            "$prefix/share/fish/vendor_completions.d/groundwork.fish"; do
  [ -s "$file" ] || [ -d "$file" ] || fail "not installed: ${file#$prefix/}"
done

# The installed binary runs and finds the scripts under PREFIX/share (no checkout beside it).
XDG_CONFIG_HOME=$config "$gw" --version >/dev/null || fail "groundwork --version"
XDG_CONFIG_HOME=$config "$gw" flows | grep -q '^journal ' || fail "the installed binary does not list the bundled flows"

# The page renders, and names every subcommand and global option the binary itself lists.
rendered=$(MANWIDTH=100 man -l "$page" 2>"$config/man.err" | col -b) || fail "man -l cannot render the page"
[ -s "$config/man.err" ] && fail "man warned: $(head -3 "$config/man.err")"
commands=$(XDG_CONFIG_HOME=$config "$gw" --help | sed -n '/^SUBCOMMANDS:/,/^$/p' | grep '^  [a-z]' | awk '{ print $1 }')
[ -n "$commands" ] || fail "no subcommands in 'groundwork --help'"
for name in $commands; do
  echo "$rendered" | grep -q "^ *$name\b" || fail "the man page has no entry for '$name'"
done
options=$(XDG_CONFIG_HOME=$config "$gw" start --help | grep -o -- '--[a-z][a-z-]*' | sort -u)
for option in $options; do
  echo "$rendered" | grep -q -- "$option" || fail "the man page does not mention '$option'"
done

# Each completion file parses in its shell (where the shell is here) and completes groundwork.
bash -c ". '$prefix/share/bash-completion/completions/groundwork' && complete -p groundwork" >/dev/null 2>&1 \
  || fail "bash does not register the completion"
grep -q '^#compdef groundwork' "$prefix/share/zsh/site-functions/_groundwork" || fail "zsh completion lacks #compdef"
if command -v zsh >/dev/null 2>&1; then zsh -n "$prefix/share/zsh/site-functions/_groundwork" || fail "zsh cannot parse the completion"; fi
grep -q "^complete -c 'groundwork'" "$prefix/share/fish/vendor_completions.d/groundwork.fish" || fail "fish completion lacks \"complete -c 'groundwork'\""
if command -v fish >/dev/null 2>&1; then fish -n "$prefix/share/fish/vendor_completions.d/groundwork.fish" || fail "fish cannot parse the completion"; fi

if [ "$failures" -gt 0 ]; then echo "install-test: $failures problem(s)" >&2; exit 1; fi
echo "install-test: ok ($(echo "$commands" | wc -l) commands and $(echo "$options" | wc -l) options in the man page; completions for bash, zsh, fish)"

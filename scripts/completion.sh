#!/usr/bin/env bash
# Writes a bash completion for simon from its own help texts: subcommands, each one's long
# flags, and policy names after -p/--policy.
#   scripts/completion.sh SIMON > simon.bash
set -euo pipefail
simon=$1
commands=$("$simon" --help | awk '/^commands:/ { on = 1; next } on && NF { print $1 }')
policies=$("$simon" help policies | awk '{ print $1 }')
printf '# bash completion for simon (written by scripts/completion.sh from simon'"'"'s help)\n'
printf '_simon() {\n\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} flags\n'
printf '\tif [ "$COMP_CWORD" -eq 1 ]; then COMPREPLY=($(compgen -W "%s" -- "$cur")); return; fi\n' "$(echo $commands)"
printf '\tcase $prev in -p|--policy) COMPREPLY=($(compgen -W "%s" -- "$cur")); return ;; esac\n' "$(echo $policies)"
printf '\tcase ${COMP_WORDS[1]} in\n'
for c in $commands; do
	[ "$c" = help ] && continue
	flags=$("$simon" "$c" --help | grep -o -- '--[a-z][a-z-]*' | sort -u | tr '\n' ' ')
	printf '\t%s) flags="%s" ;;\n' "$c" "${flags% }"
done
printf '\thelp) flags="%s policies" ;;\n' "$(echo $commands)"
printf '\tesac\n'
printf '\tif [[ $cur == -* || ${COMP_WORDS[1]} == help ]]; then COMPREPLY=($(compgen -W "$flags" -- "$cur")); else COMPREPLY=($(compgen -f -- "$cur")); fi\n}\n'
printf 'complete -F _simon simon\n'

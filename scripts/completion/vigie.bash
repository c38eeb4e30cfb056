# bash completion for vigie: commands, each command's options, query field
# names (lang:, topic:, ...) and topic ids (topic:harm_reduction). Everything
# is read from the installed vigie itself (`vigie --help`, `vigie COMMAND
# --help`, `vigie topics --json`), so it is always in step with the binary.
# Installed as share/bash-completion/completions/vigie.

_vigie_commands() {
  "${1:-vigie}" --help 2>/dev/null | sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p'
}

_vigie_options() {  # VIGIE COMMAND
  "$1" "$2" --help 2>/dev/null | grep -oE -- '(^|[ ,\[])--[a-z][a-z0-9-]*' | grep -oE -- '--[a-z0-9-]+' | sort -u
}

_vigie_fields() {  # VIGIE
  "$1" search --help 2>/dev/null | sed -n '/^Fields:/,/^$/s/^  \([a-z][a-z]*\):.*/\1:/p'
}

_vigie_topics() {  # VIGIE
  "$1" topics --json 2>/dev/null | grep -oE '"id":"[^"]+"' | sed 's/"id":"\(.*\)"/\1/'
}

_vigie() {
  local cur prev vigie cmd i
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD-1]}
  vigie=${COMP_WORDS[0]}
  cmd=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
      -*) ;;
      *) cmd=${COMP_WORDS[i]}; break ;;
    esac
  done
  if [[ -z $cmd ]]; then
    COMPREPLY=($(compgen -W "$(_vigie_commands "$vigie") help --help --version" -- "$cur"))
    return
  fi
  if [[ $cmd == help ]]; then
    COMPREPLY=($(compgen -W "$(_vigie_commands "$vigie")" -- "$cur"))
    return
  fi
  case $prev in
    --db|--out|--queries|--taxonomy|--accuracy|--train|--dev|--gold|--tag|--rejects|--topics|--model-out|--stance-model|--relevance-model|-o)
      COMPREPLY=($(compgen -f -- "$cur"))
      return ;;
    --topic)
      COMPREPLY=($(compgen -W "$(_vigie_topics "$vigie")" -- "$cur"))
      return ;;
    --task)
      COMPREPLY=($(compgen -W "sentiment stance relevance" -- "$cur"))
      return ;;
    --by)
      COMPREPLY=($(compgen -W "day week month" -- "$cur"))
      return ;;
  esac
  # Options; in a query, a single '-' also starts a negated word (-kind:).
  if [[ $cur == --* || ($cur == -* && $cmd != search && $cmd != trends) ]]; then
    COMPREPLY=($(compgen -W "$(_vigie_options "$vigie" "$cmd")" -- "$cur"))
    return
  fi
  case $cmd in
    search|trends)
      # Query words: field names, and the values of topic:. bash splits
      # words at ':' (COMP_WORDBREAKS), so the word is read from the line and
      # the part up to its last ':' is taken off the replies again.
      local line=${COMP_LINE:0:COMP_POINT}
      local full=${line##*[[:space:]]}
      local word=${full#[-+]} sign=${full%%[!-+]*}
      if [[ $word == topic:* ]]; then
        COMPREPLY=($(compgen -P "${sign}topic:" -W "$(_vigie_topics "$vigie")" -- "${word#topic:}"))
      else
        compopt -o nospace 2>/dev/null
        COMPREPLY=($(compgen -P "$sign" -W "$(_vigie_fields "$vigie")" -- "$word"))
      fi
      if [[ $full == *:* && $COMP_WORDBREAKS == *:* ]]; then
        local strip=${full%"${full##*:}"}
        COMPREPLY=("${COMPREPLY[@]#"$strip"}")
      fi
      ;;
    *)
      COMPREPLY=($(compgen -f -- "$cur")) ;;
  esac
}
complete -F _vigie vigie

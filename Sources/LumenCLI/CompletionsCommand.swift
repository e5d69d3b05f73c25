import Foundation
import Lumen

/// `lumen completions bash|zsh|fish`: a completion script for a shell, made
/// from the commands and their options, so that it never lags behind them.
enum CompletionsCommand: Command {
    static let name = "completions"
    static let abstract = "Print a completion script for bash, zsh or fish."
    static let usageArguments = "bash | zsh | fish"
    static let discussion = """
        Completes the subcommands and each one's options, and file names
        elsewhere. Install the script where the shell looks for it, e.g.:
          lumen completions bash > ~/.local/share/bash-completion/completions/lumen
          lumen completions zsh > ~/.zfunc/_lumen        (with ~/.zfunc in fpath)
          lumen completions fish > ~/.config/fish/completions/lumen.fish
        Scripts/install.sh installs them with the binary.

        EXIT STATUS:
          0  printed
          2  no shell or an unknown one
        """
    static let options: [ArgumentParser.Option] = [helpOption]

    static func run(_ arguments: ArgumentParser.Parsed, console: Console) -> Int32 {
        guard arguments.positionals.count == 1, let shell = arguments.positionals.first else {
            return usageError("Expected one argument: bash, zsh or fish", console: console)
        }
        let commands = LumenCommand.subcommands
        switch shell {
        case "bash": console.writeOut(bash(commands))
        case "zsh": console.writeOut(zsh(commands))
        case "fish": console.writeOut(fish(commands))
        default: return usageError("Unknown shell '\(shell)': expected bash, zsh or fish", console: console)
        }
        return ExitStatus.success
    }

    /// Help text as a shell's single-quoted word may hold it, without what its description syntax reads.
    private static func plain(_ text: String) -> String {
        String(text.map { "'[]:\\`$\"".contains($0) ? " " : $0 })
    }

    static func bash(_ commands: [LumenCommand.Subcommand]) -> String {
        var out = "# bash completion for lumen (made by `lumen completions bash`)\n_lumen() {\n"
        out += "  local current=\"${COMP_WORDS[COMP_CWORD]}\" options=\"\"\n"
        out += "  if [ \"$COMP_CWORD\" -eq 1 ]; then\n"
        out += "    COMPREPLY=($(compgen -W \"\(commands.map(\.name).joined(separator: " ")) help --help --version\" -- \"$current\"))\n"
        out += "    return\n  fi\n  case \"${COMP_WORDS[1]}\" in\n"
        for command in commands {
            out += "    \(command.name)) options=\"\(command.options.map { "--" + $0.name }.joined(separator: " "))\" ;;\n"
        }
        out += "    help) COMPREPLY=($(compgen -W \"\(commands.map(\.name).joined(separator: " "))\" -- \"$current\")); return ;;\n"
        out += "  esac\n"
        out += "  if [[ \"$current\" == -* ]]; then\n    COMPREPLY=($(compgen -W \"$options\" -- \"$current\"))\n"
        out += "  else\n    COMPREPLY=($(compgen -f -- \"$current\"))\n  fi\n}\ncomplete -o default -F _lumen lumen\n"
        return out
    }

    static func zsh(_ commands: [LumenCommand.Subcommand]) -> String {
        var out = "#compdef lumen\n# zsh completion for lumen (made by `lumen completions zsh`)\n_lumen() {\n"
        out += "  local -a subcommands\n  subcommands=(\n"
        for command in commands { out += "    '\(command.name):\(plain(command.abstract))'\n" }
        out += "  )\n  if (( CURRENT == 2 )); then\n    _describe 'subcommand' subcommands\n    return\n  fi\n"
        out += "  case $words[2] in\n"
        for command in commands {
            out += "    \(command.name))\n      _arguments"
            for option in command.options {
                out += " \\\n        '--\(option.name)[\(plain(option.help))]" + (option.takesValue ? ":\(option.valueName ?? "value"):_files'" : "'")
            }
            out += " \\\n        '*:file:_files'\n      ;;\n"
        }
        out += "  esac\n}\n_lumen \"$@\"\n"
        return out
    }

    static func fish(_ commands: [LumenCommand.Subcommand]) -> String {
        var out = "# fish completion for lumen (made by `lumen completions fish`)\n"
        for command in commands {
            out += "complete -c lumen -n '__fish_use_subcommand' -f -a \(command.name) -d '\(plain(command.abstract))'\n"
        }
        for command in commands {
            for option in command.options {
                out += "complete -c lumen -n '__fish_seen_subcommand_from \(command.name)' -l \(option.name)"
                out += (option.takesValue ? " -r" : "") + " -d '\(plain(option.help))'\n"
            }
        }
        return out
    }
}

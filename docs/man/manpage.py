#!/usr/bin/env python3
"""Writes weft's manual page (troff, section 1) from the executable's own help.

    python3 docs/man/manpage.py WEFT > weft.1

The page is made from `WEFT --experimental-dump-help` (swift-argument-parser's description
of every command, argument and option), so it says what the installed binary does; `make
install` runs it. Each subcommand gets a section with its abstract, discussion and options.
"""
import datetime
import json
import subprocess
import sys


def escape(text):
    """Text safe in troff: backslashes doubled, lines starting with . or ' protected."""
    out = []
    for line in text.replace("\\", "\\e").split("\n"):
        if line.startswith((".", "'")):
            line = "\\&" + line
        out.append(line)
    return "\n".join(out)


def names(argument):
    """`-o, --output <output>` for an option; `<input>` for a positional argument."""
    value = argument.get("valueName", "")
    if argument["kind"] == "positional":
        return f"<{value}>" + (" ..." if argument.get("isRepeating") else "")
    spelled = []
    for name in argument.get("names", []):
        dash = "-" if name["kind"] in ("short", "longWithSingleDash") else "--"
        spelled.append(dash + name["name"])
    text = ", ".join(spelled)
    if argument["kind"] == "option":
        text += f" <{value}>"
    return text


def section(command, path, out):
    """The page's text for `command` (reached by `path`, e.g. ['weft', 'prove'])."""
    name = " ".join(path)
    if len(path) > 1:
        out.append(f'.SH "{escape(name.upper())}"')
    if command.get("abstract"):
        out.append(escape(command["abstract"]))
    if command.get("discussion"):
        out.append(".PP")
        out.append(".nf" if "\n  " in command["discussion"] else ".fi")
        out.append(escape(command["discussion"]))
        out.append(".fi")
    arguments = [a for a in command.get("arguments", []) if a.get("shouldDisplay", True)]
    if arguments:
        out.append(".PP")
        out.append(f"\\fBOptions of {escape(name)}\\fR")
        for argument in arguments:
            out.append(".TP")
            out.append(f"\\fB{escape(names(argument))}\\fR")
            text = argument.get("abstract", "")
            if "defaultValue" in argument and argument["kind"] != "flag":
                text += f" (default: {argument['defaultValue']})"
            out.append(escape(text))
    for sub in command.get("subcommands", []):
        if sub.get("shouldDisplay", True) and sub["commandName"] != "help":
            section(sub, path + [sub["commandName"]], out)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: manpage.py WEFT")
    dump = subprocess.run([sys.argv[1], "--experimental-dump-help"], capture_output=True, text=True, check=True)
    root = json.loads(dump.stdout)["command"]
    version = subprocess.run([sys.argv[1], "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    date = datetime.date.today().isoformat()
    out = [f'.TH WEFT 1 "{date}" "{escape(version)}" "User Commands"', ".SH NAME",
           f"weft \\- {escape(root.get('abstract', ''))}", ".SH SYNOPSIS",
           "\\fBweft\\fR \\fIcommand\\fR [\\fIoptions\\fR] [\\fIinput\\fR]", ".SH DESCRIPTION"]
    section(root, ["weft"], out)
    out += [".SH EXIT STATUS", "0 on success, 1 on a usage error or bad input; `weft prove` and `weft report` "
            "document further codes in their sections.", ".SH SEE ALSO",
            "wasm-opt(1), clang(1), arm-none-eabi-ld(1); the guides under share/doc/weft."]
    print("\n".join(out))


if __name__ == "__main__":
    main()

"""/help: the command list, generated from the commands' own declarations."""

from __future__ import annotations

from handlers.base import Command, Context, Reply, Request

INTRO = {
    "de": ("Ich beantworte Fragen zu den Quellen, jede Aussage mit Beleg. Beispiele:\n"
           "• Wie viele Soldaten meldet jede Quelle?\n• Was sagte Austin?\n• Wer sprach von Eskalation?\n"
           "Befehle:"),
    "en": ("I answer questions about the sources, every statement cited. Examples:\n"
           "• How many troops does each source report?\n• What did Austin say?\n• Who called it an escalation?\n"
           "Commands:"),
}


def help_text(lang: str, *, is_admin: bool, prefix: str = "/") -> str:
    from handlers import COMMANDS

    lines = [INTRO.get(lang, INTRO["de"])]
    for command in COMMANDS:
        if command.admin and not is_admin:
            continue
        name = command.names[1] if lang == "en" and len(command.names) > 1 else command.names[0]
        args = command.args_en if lang == "en" else command.args_de
        lines.append(f"{prefix}{name}{' ' + args if args else ''} – {command.help(lang)}")
    return "\n".join(lines)


def run(request: Request, context: Context) -> Reply:
    lang = request.lang or context.chat(request.chat).lang or "de"
    prefix = "!" if request.transport == "matrix" else "/"
    return Reply(text=help_text(lang, is_admin=request.is_admin, prefix=prefix), lang=lang, intent="help")


COMMAND = Command(names=("hilfe", "help"), help_de="diese Hilfe", help_en="this help", run=run)

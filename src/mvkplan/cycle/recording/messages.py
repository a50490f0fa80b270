"""Messages of the follow-up writer (R1xx), in English and Swedish; registered on import."""

from __future__ import annotations

from mvkplan.messages.i18n import MESSAGES as SHARED

MESSAGES: dict[str, tuple[str, str]] = {
    "R101": ("cannot add values to this file: {detail}", "kan inte lägga till värden i filen: {detail}"),
    "R101.hint": ("write 'values:' (and 'respondents:', 'activities:') as block lists of '- ' entries",
                  "skriv 'values:' (och 'respondents:', 'activities:') som blocklistor med '- '-rader"),
    "R102": ("the follow-up would not validate after the import ({code} {message}); nothing written",
             "uppföljningen skulle inte bli giltig efter inläsningen ({code} {message}); inget skrivet"),
    "R103": ("{path} exists but is not this plan's follow-up for the year (an example, or a file that does not load)",
             "{path} finns men är inte planens uppföljning för året "
             "(ett exempel, eller en fil som inte går att läsa in)"),
    "R103.hint": ("a real follow-up never goes into an example; move the example or fix the file first",
                  "en riktig uppföljning skrivs aldrig in i ett exempel; flytta exemplet eller rätta filen först"),
    "record.dry": ("dry run: nothing written", "provkörning: inget skrivet"),
    "record.wrote": ("wrote {path}", "skrev {path}"),
    "record.refused": ("nothing written: fix the problems above and import again",
                       "inget skrivet: rätta problemen ovan och läs in igen"),
    "R106": ("an interrupted import left {path}, which cannot be used ({detail}); nothing changed",
             "en avbruten inläsning lämnade {path}, som inte går att använda ({detail}); inget ändrat"),
    "R106.hint": ("check the follow-ups with 'git status', then delete the journal and import again",
                  "kontrollera uppföljningarna med 'git status', ta sedan bort journalen och läs in igen"),
    "record.completed": ("completed an interrupted import: wrote {path}",
                         "slutförde en avbruten inläsning: skrev {path}"),
    "record.undone": ("an import was interrupted before writing: {path} left unchanged",
                      "en inläsning avbröts innan något skrevs: {path} lämnades oförändrad"),
    "R104": ("cannot write {path}: {detail}", "kan inte skriva {path}: {detail}"),
    "R105": ("the text holds the control character {character}, which a plan may not contain; nothing written",
             "texten innehåller styrtecknet {character}, som en plan inte får innehålla; inget skrivet"),
    "R105.hint": ("delete the invisible character (often pasted along with the text) and import again",
                  "ta bort det osynliga tecknet (ofta inklistrat med texten) och läs in igen"),
}


def register() -> None:
    """Add these messages to the shared table (idempotent)."""
    for key, value in MESSAGES.items():
        SHARED.setdefault(key, value)


register()

"""Messages of ``mvkplan review`` (V1xx), in English and Swedish; registered on import."""

from __future__ import annotations

from mvkplan.messages.i18n import MESSAGES as SHARED

MESSAGES: dict[str, tuple[str, str]] = {
    "V101": ("cannot rewrite the link here: {detail}; nothing written",
             "kan inte skriva om länken här: {detail}; inget skrivet"),
    "V101.hint": ("write the link as one item of a 'links:' list ('- plan/goal' or '[plan/goal]')",
                  "skriv länken som en post i en 'links:'-lista ('- plan/mål' eller '[plan/mål]')"),
    "V102": ("the file would not validate after the review ({code} {message}); nothing written",
             "filen skulle inte bli giltig efter granskningen ({code} {message}); inget skrivet"),
    "V103": ("cannot read {path}: {detail}", "kan inte läsa {path}: {detail}"),
    "review.suspect": ("{place}: '{target}' changed since reviewed ({reviewed} → {current})",
                       "{place}: '{target}' har ändrats sedan granskningen ({reviewed} → {current})"),
    "review.was": ("  was: {wording}", "  förr: {wording}"),
    "review.was_unknown": ("  was: (not in this file's git history; compare by hand)",
                           "  förr: (finns inte i filens git-historik; jämför för hand)"),
    "review.now": ("  now: {wording}", "  nu:   {wording}"),
    "review.unreviewed": ("{place}: '{target}' stamped ({current}): {wording}",
                          "{place}: '{target}' stämplad ({current}): {wording}"),
    "review.superseded": ("{place}: '{target}' is in {old}, superseded by {new}; proposed: '{proposed}' {wording}",
                          "{place}: '{target}' finns i {old}, som ersätts av {new}; förslag: '{proposed}' {wording}"),
    "review.unmatched": ("{place}: '{target}' is in {old}, superseded by {new}, which has no matching goal: "
                         "link by hand",
                         "{place}: '{target}' finns i {old}, som ersätts av {new}, som saknar motsvarande mål: "
                         "länka för hand"),
    "review.confirm": ("Move these {count} links to the proposed goals?",
                       "Flytta dessa {count} länkar till de föreslagna målen?"),
    "review.declined": ("links into superseded plans left as they are",
                        "länkar till ersatta planer lämnades som de är"),
    "review.retarget_hint": ("run 'mvkplan review --retarget' to move them "
                             "(it asks first; --yes skips the question)",
                             "kör 'mvkplan review --retarget' för att flytta dem "
                             "(den frågar först; --yes hoppar över frågan)"),
    "review.wrote": ("wrote {path}", "skrev {path}"),
    "review.summary": ("reviewed: {reviewed}; moved: {moved}; left pointing into superseded plans: {left}",
                       "granskade: {reviewed}; flyttade: {moved}; kvar i ersatta planer: {left}"),
    "n.link": ("link|links", "länk|länkar"),
}


def register() -> None:
    """Add these messages to the shared table (idempotent)."""
    for key, value in MESSAGES.items():
        SHARED.setdefault(key, value)


register()

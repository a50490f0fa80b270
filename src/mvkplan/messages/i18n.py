"""Messages in English and Swedish.

The CLI picks the language once (``--lang``, else ``MVKPLAN_LANG``, else the locale);
every stage below formats its messages through :func:`t`.
"""

from __future__ import annotations

import os

from mvkplan.messages.cliwords import MESSAGES as CLI_MESSAGES
from mvkplan.messages.followup import MESSAGES as FOLLOW_UP_MESSAGES

LANGUAGES = ("sv", "en")
_language = "en"
_chosen = False

# key: (English, Swedish). Placeholders use str.format names.
MESSAGES: dict[str, tuple[str, str]] = {
    # loading
    "E101": ("file is not valid UTF-8 text", "filen är inte giltig UTF-8-text"),
    "E101.hint": (
        "save the file as UTF-8 in your editor",
        "spara filen som UTF-8 i din redigerare",
    ),
    "E102": (
        "file is {size} bytes, over the limit of {limit} bytes",
        "filen är {size} byte, över gränsen på {limit} byte",
    ),
    "E102.hint": (
        "a plan is a few hundred kilobytes at most; split the file or raise max-file-size",
        "en plan är som mest några hundra kilobyte; dela upp filen eller höj max-file-size",
    ),
    "E103": ("YAML syntax error: {detail}", "YAML-syntaxfel: {detail}"),
    "E103.hint": (
        "indent with spaces (never tabs) and check quotes and colons on this line",
        "indentera med mellanslag (aldrig tabb) och kontrollera citattecken och kolon på raden",
    ),
    "E103.escape": (
        "write the character itself, not its \\u escape; an escape between \\ud800 and \\udfff "
        "is half of a UTF-16 pair and no character in YAML",
        "skriv själva tecknet, inte dess \\u-kod; en kod mellan \\ud800 och \\udfff är en halv "
        "UTF-16-kod och inget tecken i YAML",
    ),
    "E103.tab": (
        "indent with spaces, not tabs; most editors can convert tabs to spaces",
        "indentera med mellanslag, inte tabbar; de flesta redigerare kan byta tabbar mot mellanslag",
    ),
    "E104": (
        "duplicate key '{key}' (first at line {first})",
        "nyckeln '{key}' förekommer två gånger (första gången på rad {first})",
    ),
    "E104.hint": (
        "remove or merge one of them; YAML would silently keep only the last",
        "ta bort eller slå ihop en av dem; YAML skulle tyst behålla bara den sista",
    ),
    "E105": ("anchors and aliases (&, *) are not allowed", "ankare och alias (&, *) är inte tillåtna"),
    "E105.hint": (
        "write the text out in full; plans must read the same to people and to the tool",
        "skriv ut texten i sin helhet; planen ska läsas likadant av människor och av verktyget",
    ),
    "E106": (
        "the document must be a mapping of keys (id:, kind:, title: …), found {found}",
        "dokumentet måste vara en samling nycklar (id:, kind:, title: …), hittade {found}",
    ),
    "E106.hint": (
        "start the file with 'id: <document-id>' on the first line",
        "börja filen med 'id: <dokument-id>' på första raden",
    ),
    "E107": (
        "a file must hold exactly one YAML document",
        "en fil får bara innehålla ett YAML-dokument",
    ),
    "E107.hint": (
        "remove the '---' separator and put each document in a file of its own",
        "ta bort avskiljaren '---' och lägg varje dokument i en egen fil",
    ),
    "E108": ("the file is empty", "filen är tom"),
    "E108.hint": (
        "run 'mvkplan new' to start from a template",
        "kör 'mvkplan new' för att utgå från en mall",
    ),
    "E109": ("YAML tag '{tag}' is not allowed", "YAML-taggen '{tag}' är inte tillåten"),
    "E109.hint": ("remove the tag; write plain text", "ta bort taggen; skriv vanlig text"),
    "E110": ("cannot read file: {detail}", "kan inte läsa filen: {detail}"),
    "E111": (
        "nesting deeper than {limit} levels",
        "nästlingen är djupare än {limit} nivåer",
    ),
    # schema
    "E201": ("missing required field '{field}'", "obligatoriskt fält '{field}' saknas"),
    "E201.hint": ("add '{field}:' here", "lägg till '{field}:' här"),
    "E202": ("unknown field '{field}'", "okänt fält '{field}'"),
    "E202.hint.close": ("did you mean '{close}'?", "menade du '{close}'?"),
    "E202.hint": ("allowed fields here: {allowed}", "tillåtna fält här: {allowed}"),
    "E203": ("expected {expected}, found {found}", "förväntade {expected}, hittade {found}"),
    "E204": ("invalid value: {detail}", "ogiltigt värde: {detail}"),
    "E203.hint.colon": (
        "text containing ': ' must be in quotes, or YAML reads it as a new key",
        "text som innehåller ': ' måste stå inom citattecken, annars läser YAML det som en ny nyckel",
    ),
    "E203.hint.list": (
        "write a list: one '- item' per line",
        "skriv en lista: en rad '- punkt' per post",
    ),
    "E204.choice": (
        "{found} is not allowed here; expected {expected}",
        "{found} är inte tillåtet här; förväntade {expected}",
    ),
    "E204.swedish": (
        "values are written in English: '{value}' is '{english}'",
        "värdena skrivs på engelska: '{value}' heter '{english}'",
    ),
    "E204.date": ("{found} is not a date", "{found} är inget datum"),
    "E204.date.hint": ("write dates as YYYY-MM-DD, YYYY-MM or YYYY", "skriv datum som ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ"),
    "E204.calendar": (
        "{found} is not a date in the calendar (no such month or day)",
        "{found} är inget datum i kalendern (månaden eller dagen finns inte)",
    ),
    "E204.id": ("{found} is not a valid id", "{found} är inget giltigt id"),
    "E204.id.hint": ("ids contain no spaces and no '/'", "id får inte innehålla mellanslag eller '/'"),
    "E204.empty": ("must not be empty", "får inte vara tom"),
    "E204.empty.hint": ("fill in a value or remove the key", "fyll i ett värde eller ta bort nyckeln"),
    "kind.text": ("text", "text"),
    "kind.number": ("a whole number", "ett heltal"),
    "kind.bool": ("true or false", "true eller false"),
    "kind.list": ("a list", "en lista"),
    "kind.mapping": ("a mapping (key: value)", "en samling nycklar (nyckel: värde)"),
    "kind.nothing": ("nothing", "ingenting"),
    "E205": ("unknown document kind '{kind}'", "okänd dokumenttyp '{kind}'"),
    "E205.hint": ("use one of: {kinds}", "använd någon av: {kinds}"),
    "E206": (
        "YAML reads unquoted {value} as {reading}, not as text",
        "YAML läser {value} utan citattecken som {reading}, inte som text",
    ),
    "E206.hint": ("put it in quotes: \"{value}\"", "sätt citattecken runt: \"{value}\""),
    "E210": (
        "document id '{id}' does not match the file name '{stem}'",
        "dokument-id '{id}' stämmer inte med filnamnet '{stem}'",
    ),
    "E210.hint": (
        "rename the file to {id}.yaml or change the id",
        "byt namn på filen till {id}.yaml eller ändra id",
    ),
    "E211": (
        "document id '{id}' is also used by {other}",
        "dokument-id '{id}' används också av {other}",
    ),
    "E211.hint": ("every document needs its own id", "varje dokument behöver ett eget id"),
    "E212": (
        "item id '{id}' is used twice in this document (first at line {first})",
        "id '{id}' används två gånger i dokumentet (första gången på rad {first})",
    ),
    "E212.hint": (
        "give each goal, area and activity its own id",
        "ge varje mål, område och aktivitet ett eget id",
    ),
    # references
    "E301": ("unknown document '{target}'", "okänt dokument '{target}'"),
    "E302": (
        "document '{document}' has no item '{item}'",
        "dokumentet '{document}' har inget '{item}'",
    ),
    "E303": (
        "links to '{target}' in '{document}', which is superseded by '{successor}'",
        "länkar till '{target}' i '{document}', som ersatts av '{successor}'",
    ),
    "E303.hint": (
        "link to the corresponding item in '{successor}'",
        "länka till motsvarande punkt i '{successor}'",
    ),
    "E304": ("links to itself", "länkar till sig själv"),
    "E304.hint": ("remove the link", "ta bort länken"),
    "E305": ("'supersedes' forms a cycle: {cycle}", "'supersedes' bildar en cirkel: {cycle}"),
    "E305.hint": (
        "a newer document supersedes an older one, never the other way round",
        "ett nyare dokument ersätter ett äldre, aldrig tvärtom",
    ),
    "E306": ("'{target}' is not a valid reference", "'{target}' är ingen giltig referens"),
    "E306.hint": (
        "write references as <document-id>/<item-id>, e.g. nationell-strategi/1 "
        "(an indicator: <document-id>/<goal-id>/<indicator-id>)",
        "skriv referenser som <dokument-id>/<punkt-id>, t.ex. nationell-strategi/1 "
        "(en indikator: <dokument-id>/<mål-id>/<indikator-id>)",
    ),
    "E307": (
        "unknown {catalog} '{value}'",
        "okänd {catalog} '{value}'",
    ),
    "E308": (
        "document '{target}' could not be loaded (see its errors)",
        "dokumentet '{target}' kunde inte läsas in (se felen i det)",
    ),
    "E308.many": (
        "document '{target}' could not be loaded (see its errors); {count} links in this file "
        "point to it",
        "dokumentet '{target}' kunde inte läsas in (se felen i det); {count} länkar i den här "
        "filen pekar dit",
    ),
    "E308.hint": ("fix the errors in {path} first", "rätta först felen i {path}"),
    "E307.hint.named": (
        "'{value}' is {name}: write its id, '{id}'",
        "'{value}' är {name}: skriv dess id, '{id}'",
    ),
    "hint.did_you_mean.named": (
        "did you mean '{close}' ({name})?", "menade du '{close}' ({name})?",
    ),
    "hint.did_you_mean": ("did you mean '{close}'?", "menade du '{close}'?"),
    # configuration and I/O
    "E401": ("configuration error: {detail}", "fel i konfigurationen: {detail}"),
    "E402": ("path not found: {path}", "sökvägen finns inte: {path}"),
    "E403": (
        "path is outside the repository: {path}",
        "sökvägen ligger utanför arkivet: {path}",
    ),
    "E404": (
        "no plans here: neither mvkplan.toml nor a plans/ folder in {path} or the folders above; "
        "cd into your plans repository, or start one with 'mvkplan init'",
        "inga planer här: varken mvkplan.toml eller en mapp plans/ i {path} eller mapparna ovanför; "
        "gå till ditt planarkiv, eller skapa ett med 'mvkplan init'",
    ),
    "E301.standalone": (
        "no project here, so only the files named and the shipped frameworks and catalogs are "
        "read: name that document's file too, or run in your plans repository",
        "inget planarkiv här, så bara de namngivna filerna och de medföljande ramverken och "
        "katalogerna läses: ange även det dokumentets fil, eller kör i ditt planarkiv",
    ),
    # new, init, serve, links (first use)
    "new.kind": ("unknown kind '{kind}'; use one of: {kinds}", "okänd dokumenttyp '{kind}'; använd någon av: {kinds}"),
    "new.empty_title": ("the title must not be empty", "titeln får inte vara tom"),
    "new.bad_title": ("the title is not valid text (bytes that are not UTF-8)",
                      "titeln är ingen giltig text (byte som inte är UTF-8)"),
    "new.from": ("unknown document '{id}' for --from", "okänt dokument '{id}' för --from"),
    "new.schema": ("(mvkplan schema -o {path} writes the schema the file's first line points editors to)",
                   "(mvkplan schema -o {path} skriver schemat som filens första rad hänvisar redigeraren till)"),
    "new.bad_id": ("'{id}' is not a valid id: use a-z, 0-9 and '-', e.g. gotland-2025",
                   "'{id}' är inget giltigt id: använd a-z, 0-9 och '-', t.ex. gotland-2025"),
    "new.not_plan": ("'{id}' is not a plan with goals in this repository",
                     "'{id}' är ingen plan med mål i det här arkivet"),
    "new.no_goal": ("'{id}' has no goal {goals}; its goals: {available}",
                    "'{id}' har inget mål {goals}; dess mål: {available}"),
    "new.county_mismatch": ("--municipality {municipality} lies in {home}, not in --county {county}",
                            "--municipality {municipality} ligger i {home}, inte i --county {county}"),
    "new.no_goals": ("'{id}' has no goals to start from", "'{id}' har inga mål att utgå från"),
    "new.outside": ("{path} is outside the project {root}", "{path} ligger utanför projektet {root}"),
    "new.exists": ("{path} already exists", "{path} finns redan"),
    "init.exists": ("not overwriting existing files: {files} (nothing was written)",
                    "skriver inte över befintliga filer: {files} (inget skrevs)"),
    "init.no_git": (
        "git was not found: install it (Debian: apt-get install git), or run 'mvkplan init "
        "--no-git' (nothing was written)",
        "git hittades inte: installera det (Debian: apt-get install git), eller kör "
        "'mvkplan init --no-git' (inget skrevs)",
    ),
    "init.git_failed": ("the files are written, but git failed: {detail}",
                        "filerna är skrivna, men git misslyckades: {detail}"),
    "init.committed": ("made a git repository with a first commit",
                       "skapade ett git-arkiv med en första commit"),
    "init.inside_git": ("already inside the git repository {path}: the files are not committed",
                        "redan i git-arkivet {path}: filerna är inte incheckade"),
    "init.install_local": (
        "note: 'install' in mvkplan.toml names {requirement}, a file or folder on this machine: "
        "CI and other machines cannot install it; write a version or a git URL with its commit there",
        "obs: 'install' i mvkplan.toml anger {requirement}, en fil eller mapp på den här datorn: "
        "CI och andra datorer kan inte installera den; skriv en version eller en git-adress med "
        "commit där"),
    "init.next": (
        "Next: {where}mvkplan new local-plan <id> --municipality <municipality> && mvkplan check "
        "&& mvkplan serve",
        "Sedan: {where}mvkplan new local-plan <id> --municipality <kommun> && mvkplan check "
        "&& mvkplan serve",
    ),
    "serve.extra": ("'mvkplan serve' needs the serve extra: pip install 'mvkplan[serve]'",
                    "'mvkplan serve' behöver tillägget serve: pip install 'mvkplan[serve]'"),
    "serve.serving": ("Serving {address} (Ctrl+C to stop)", "Visar {address} (avsluta med Ctrl+C)"),
    "serve.built": ("built {pages}, {errors}", "byggde {pages}, {errors}"),
    "serve.failed": ("build failed: {detail}", "bygget misslyckades: {detail}"),
    "n.page": ("page|pages", "sida|sidor"),
    "links.none": ("give a document or item id, or --graph mermaid|dot|json",
                   "ange ett dokument- eller punkt-id, eller --graph mermaid|dot|json"),
    "links.unknown": ("unknown document or item '{ref}'", "okänt dokument eller okänd punkt '{ref}'"),
    "links.framework": ("unknown framework '{id}'; known: {known}", "okänt ramverk '{id}'; kända: {known}"),
    # summaries
    "summary.clean": ("All {files} are valid.", "Alla {files} är giltiga."),
    "summary.clean.one": ("The file is valid.", "Filen är giltig."),
    "summary.clean.none": ("No files to check.", "Inga filer att kontrollera."),
    "summary.problems": ("{problems} ({counts}) in {bad} of {files}.",
                         "{problems} ({counts}) i {bad} av {files}."),
    "n.problem": ("problem|problems", "problem|problem"),
    "n.error": ("error|errors", "fel|fel"),
    "n.warning": ("warning|warnings", "varning|varningar"),
    "n.info": ("info|infos", "upplysning|upplysningar"),
    "n.file": ("file|files", "fil|filer"),
    "rules.options": (
        "Options ([tool.mvkplan.rules.{code}] or [rules.{code}] in mvkplan.toml):",
        "Inställningar ([tool.mvkplan.rules.{code}] eller [rules.{code}] i mvkplan.toml):",
    ),
    "severity.error": ("error", "fel"),
    "severity.warning": ("warning", "varning"),
    "severity.info": ("info", "info"),
    "hint.label": ("hint", "tips"),
    # hardening (issue 15)
    "E213": ("document id '{id}' cannot be a file name on every system",
             "dokument-id '{id}' kan inte vara ett filnamn i alla system"),
    "E213.hint": (
        "use a-z, 0-9 and '-', not a Windows device name (con, nul, aux, com1 …) and no trailing dot",
        "använd a-z, 0-9 och '-', inte ett enhetsnamn i Windows (con, nul, aux, com1 …) och ingen punkt sist",
    ),
    "output.protected": ("refusing to overwrite {path}: it is {what}",
                         "skriver inte över {path}: det är {what}"),
    "output.holds": ("refusing to replace the folder {path}: it holds {what}",
                     "ersätter inte mappen {path}: den innehåller {what}"),
    "output.not_folder": ("refusing to replace {path}: it is a file, and build writes a folder",
                          "ersätter inte {path}: det är en fil, och build skriver en mapp"),
    "output.document": ("an input document", "ett indatadokument"),
    "output.config": ("the configuration", "konfigurationen"),
    "output.config_name": ("where mvkplan looks for its configuration", "där mvkplan letar efter sin konfiguration"),
    "output.project": ("the project", "projektet"),
    "build.left_out": (
        "{count} follow-ups are not in the site (their report needs their plan):",
        "{count} uppföljningar finns inte med på webbplatsen (deras rapport behöver planen):",
    ),
    "build.left_out.missing": (
        "{id}: its plan '{plan}' could not be loaded",
        "{id}: dess plan '{plan}' kunde inte läsas in",
    ),
    "build.left_out.not_plan": (
        "{id}: '{plan}' is not a plan",
        "{id}: '{plan}' är ingen plan",
    ),
    "build.skipped": (
        "{count} files could not be read and are not in the site:",
        "{count} filer kunde inte läsas och finns inte med på webbplatsen:",
    ),
    "E110.dangling": (
        "cannot read: the symbolic link points to '{target}', which does not exist",
        "kan inte läsa: den symboliska länken pekar på '{target}', som inte finns",
    ),
    "E110.loop": ("cannot read: the symbolic link leads round in a loop",
                  "kan inte läsa: den symboliska länken leder runt i en slinga"),
    "E110.folder": ("cannot read folder: {detail}", "kan inte läsa mappen: {detail}"),
    "E110.changed": (
        "the file changed while it was being checked; its follow-ups were not checked against it",
        "filen ändrades medan den kontrollerades; dess uppföljningar kontrollerades inte mot den",
    ),
    "E110.changed.hint": ("run the command again", "kör kommandot igen"),
    "E112": (
        "bidirectional control character {character} is not allowed",
        "det dubbelriktade styrtecknet {character} är inte tillåtet",
    ),
    "E112.hint": (
        "delete it (it is invisible in most editors and reverses how the text around it reads); "
        "right-to-left text shows correctly without it",
        "ta bort det (det syns inte i de flesta redigerare och vänder hur texten runt det läses); "
        "text som skrivs från höger till vänster visas rätt utan det",
    ),
    "E120": ("symbolic link leads outside the project, to {target}; not read",
             "symbolisk länk leder utanför projektet, till {target}; lästes inte"),
    "E120.hint": (
        "copy the file into the project, or set follow-external-symlinks = true in the configuration",
        "kopiera in filen i projektet, eller sätt follow-external-symlinks = true i konfigurationen",
    ),
    "report.more": (
        "… and {count} more problems in this file (--format json lists them all)",
        "… och {count} problem till i den här filen (--format json visar alla)",
    ),
    "extra.missing": (
        "this command needs the optional extra '{extra}' (missing: {missing}): pip install 'mvkplan[{extra}]'",
        "kommandot kräver tillägget '{extra}' (saknas: {missing}): pip install 'mvkplan[{extra}]'",
    ),
    # table and tree words of list, links and coverage (kinds and statuses: mvkplan.messages.words)
    "column.id": ("id", "id"),
    "column.kind": ("kind", "typ"),
    "column.county": ("county", "län"),
    "column.period": ("period", "period"),
    "column.status": ("status", "status"),
    "column.goals": ("goals", "mål"),
    "column.activities": ("activities", "aktiviteter"),
    "column.rows": ("rows", "rader"),
    "column.file": ("file", "fil"),
    "column.document": ("document", "dokument"),
    "n.goal": ("goal|goals", "mål|mål"),
    "n.activity": ("activity|activities", "aktivitet|aktiviteter"),
    "n.row": ("row|rows", "rad|rader"),
    "n.question": ("question|questions", "fråga|frågor"),
    "n.workbook": ("workbook|workbooks", "arbetsbok|arbetsböcker"),
    "n.point": ("point|points", "synpunkt|synpunkter"),
    "n.cell": ("changed cell|changed cells", "ändrad cell|ändrade celler"),
    "n.item": ("item|items", "post|poster"),
    "survey.written.one": ("{path}: 1 workbook written", "{path}: 1 arbetsbok skriven"),
    "words.example": ("example", "exempel"),
    "links.to": ("links to", "länkar till"),
    "links.from": ("linked from", "länkas från"),
    "links.unresolved": ("unresolved", "saknas"),
    "coverage.legend": ("number = goals/activities linked, ✓ = the document as a whole",
                        "siffra = antal mål/aktiviteter som länkar dit, ✓ = dokumentet som helhet"),
    "relation.link": ("link", "länk"),
    "relation.supersedes": ("supersedes", "ersätter"),
    "relation.annex-of": ("annex-of", "bilaga till"),
    "relation.cites": ("cites", "hänvisar till"),
    "relation.county": ("county", "län"),
    "relation.municipality": ("municipality", "kommun"),
    "relation.extends": ("extends", "utökar"),
    "relation.publication": ("publication", "publikation"),
    "relation.follow-up": ("follow-up", "uppföljning"),
    "relation.consultation": ("consultation", "remiss"),
    "relation.method": ("method", "metod"),
    "relation.indicator-source": ("indicator-source", "indikatorkälla"),
    "relation.regulation": ("regulation", "författning"),
    "relation.violence-form": ("violence-form", "våldsform"),
}


MESSAGES.update(FOLLOW_UP_MESSAGES)
MESSAGES.update(CLI_MESSAGES)


def detect_language(explicit: str | None = None) -> str:
    """``explicit`` if given, else ``MVKPLAN_LANG``, else the locale; Swedish or English."""
    candidates = [explicit, os.environ.get("MVKPLAN_LANG")]
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        candidates.append(os.environ.get(var))
    for value in candidates:
        if value:
            return "sv" if value.lower().startswith("sv") else "en"
    return "en"


def set_language(language: str) -> None:
    """Choose the language for all messages formatted from now on."""
    global _language, _chosen
    _language = language if language in LANGUAGES else "en"
    _chosen = True


def language_chosen() -> bool:
    """Whether a language was set (by the command line or the configuration) in this process."""
    return _chosen


def get_language() -> str:
    """The language messages are formatted in."""
    return _language


def chosen_language(argv: list[str]) -> str:
    """The language a command line asks for before it is parsed (``--lang sv``/``--lang=sv``,
    else the environment): for what is said before the command knows its options (Ctrl-C)."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return detect_language(argv[index + 1])
        if arg.startswith("--lang="):
            return detect_language(arg.split("=", 1)[1])
    return detect_language()


def t(key: str, /, **values: object) -> str:
    """The message ``key`` in the current language, with ``values`` filled in."""
    english, swedish = MESSAGES[key]
    template = swedish if _language == "sv" else english
    return template.format(**values)


def count(number: int, noun: str) -> str:
    """'1 problem', '2 problems', '1 fil', '2 filer': the number with the noun ``n.<noun>``."""
    singular, plural = t(f"n.{noun}").split("|")
    return f"{number} {singular if number == 1 else plural}"


def has(key: str) -> bool:
    """Whether a message exists (for optional hints)."""
    return key in MESSAGES

"""The rules' documentation in Swedish: first line, "Varför:" and "Så rättar du:".

The examples (``Passing:``/``Failing:``) are YAML and read the same in both languages; they are
taken from each rule's docstring. A test checks that every rule has its Swedish text.
"""

from __future__ import annotations

DOCS_SV: dict[str, str] = {
    "MVK001": """Ett mål saknar indikator.

Varför: ett mål utan indikator kan inte följas upp. Länsstyrelsen redovisar planen varje år;
ett mål utan datakälla är det som ingen kan säga något om.

Så rättar du: lägg till minst en indikator under målet, med ``source`` (ett id ur katalogen
över indikatorkällor) och ``frequency``. Anger källan verkligen ingen uppföljning av målet,
låt fyndet stå kvar: det är sant, och planens granskare bör se det.""",
    "MVK002": """En indikator saknar källa eller frekvens.

Varför: en indikator är bara användbar när läsaren vet varifrån siffrorna kommer och hur ofta
de samlas in. "Antal utbildade" utan källa går inte att samla in; en källa utan frekvens
lämnar den årliga uppföljningen att gissa.

Så rättar du: ge indikatorn en ``source`` (ett id ur katalogen över indikatorkällor; utöka
katalogen i ditt arkiv när källan saknas) och en ``frequency`` som planen anger den ("årlig",
"vartannat år"). Frekvensen räknas också som angiven när indikatorns text, källans namn i
katalogen eller tabellrubriken säger hur ofta ("Länsstyrelsens årliga kartläggning").""",
    "MVK003": """En aktivitet är inte kopplad till något mål.

Varför: en aktivitetsplan finns till för att genomföra mål. En aktivitet som inte nämner något
mål kan inte räknas in i uppföljningen av något, och läsaren kan inte se varför den finns med.

Så rättar du: lägg till ``links:`` med de mål aktiviteten tjänar, t.ex.
``jonkoping-strategi-2020-2026/3`` för "Delmål 3". Anger källan inget mål för aktiviteten,
låt fyndet stå kvar: det är sant om källan.""",
    "MVK004": """Ett område eller mål är inte kopplat till något ramverksmål.

Varför: varje del av en regional plan bör stå under ett mål i den nationella strategin,
jämställdhetspolitiken eller länets strategi; det är så länet och regeringen ser vilka
nationella mål planen tjänar och hur täckningen ser ut mellan länen. Ett område som inte
länkar någonstans faller bort ur alla sådana översikter.

Så rättar du: länka området (eller, när det inte går som helhet, varje mål) till det
ramverksmål det tjänar: ``links: [nationell-strategi/1]``. Ett mål ärver sitt områdes länkar,
ett område sitt dokuments, och en länk till ett mål i en annan plan räknas när det målets
kedja av länkar når ett ramverk.""",
    "MVK005": """Ett mål i det ramverk dokumentet följer är inte täckt.

Varför: en regional plan under den nationella strategin förväntas säga något om vart och ett
av dess fyra mål; ett läns årliga plan om vart och ett av den regionala strategins delmål.
Ett mål som inget område, mål eller aktivitet länkar till är en lucka som granskaren frågar
om. Den kan vara ett medvetet val, därför är detta bara information.

Så rättar du: länka ett område, mål eller en aktivitet till målet, eller låt fyndet stå när
luckan är avsiktlig (tysta det med ``# mvkplan: ignore[MVK005]`` på raden med ``areas:``).
Ramverken som kontrolleras är de som dokumentets områden, aktiviteter eller rader länkar till;
ange ``frameworks`` för att välja själv. En länk till ett delmål räknas för sitt mål.""",
    "MVK006": """Ett dokument hänvisar till en författning som ersatts innan dokumentets period började.

Varför: författningar ersätts. SOSFS 2014:4, Socialstyrelsens föreskrifter om våld i nära
relationer, ersattes av HSLF-FS 2022:39 från den 1 januari 2023. En plan för 2021–2023
hänvisar med rätta till SOSFS 2014:4; en plan som börjar 2024 och fortfarande gör det skickar
läsarna till regler som inte längre gäller.

Så rättar du: hänvisa till efterföljaren (``regulation: hslf-fs-2022-39``). En referenslista
som också hänvisar till efterföljaren lämnas i fred. En text (en mening, en tabellcell, en
referens titel) bedöms för sig: nämner den den gamla författningen utan efterföljaren
rapporteras den, vad dokumentet än hänvisar till på annat ställe. Datumen kommer från
katalogen över författningar; ett arkiv kan lägga till egna med ett katalogdokument som
``extends: regulations``. Hänvisningar i löptext räknas också: "enligt SOSFS 2014:4" i ett
avsnitt, ett mål eller en referens titel hittas på författningens beteckning.""",
    "MVK007": """En metod, indikatorkälla, författning eller våldsform finns inte i sin katalog.

Varför: publiceringen skriver ut metodens fullständiga namn, källans titel och författningens
beteckning ur katalogerna, och granskningen följer författningar till deras efterföljare. Ett
id som inte finns i katalogen är oftast ett stavfel, och då fungerar inget av det.

Så rättar du: använd det id som tipset föreslår, eller lägg till posten i en egen katalog i
ditt arkiv: ett dokument ``kind: catalog`` med ``extends: methods`` (eller
``indicator-sources``, ``regulations``, ``violence-forms``) och de nya posterna.""",
    "MVK008": """Dokumentets period sträcker sig utanför perioden för ett ramverk det tjänar.

Varför: en plan som löper längre än strategin den genomför lovar arbete under mål som kanske
inte finns då. Den nationella strategin gäller 2017–2026; en regional plan för 2025–2028
länkar till mål som upphör 2026, och dess sista år behöver en ny grund.

Så rättar du: låt perioden sluta med ramverket, eller, när planen medvetet löper vidare, skriv
det i ett avsnitt och låt fyndet synas för granskarna.""",
    "MVK009": """Ett dokument är fortfarande ``adopted`` fast ett annat dokument ersätter det.

Varför: läsare och täckningsöversikten tar ``status: adopted`` som "gäller". När kalmar-2024
anger ``supersedes: kalmar-2021`` gäller inte längre kalmar-2021, och en status som säger
annat ställer två planer bredvid varandra som gällande.

Så rättar du: sätt ``status: superseded`` i det äldre dokumentet. Inget rapporteras så länge
det nyare bara är ett utkast: då gäller det gamla fortfarande.""",
    "MVK010": """Två mål i ett dokument har samma titel.

Varför: ett mål som står två gånger är oftast en kopiering som blivit kvar, eller ett mål
under två områden. I båda fallen räknas det två gånger i uppföljningen.

Så rättar du: ta bort kopian, eller, när målet verkligen hör till två områden, behåll det i
ett och länka det andra områdets mål dit. Titlarna jämförs utan hänsyn till versaler,
mellanrum och avslutande punkt.""",
    "MVK011": """Målgrupperna utelämnar våldsformer i den nationella definitionen.

Varför: den nationella strategin definierar mäns våld mot kvinnor genom fem former:
sexualiserat våld, våld i nära relationer, hedersrelaterat våld och förtryck, prostitution
och människohandel för sexuella ändamål, samt personer som utövar eller riskerar att utöva
våld mot närstående. En plan vars målgrupper utelämnar en form brukar utelämna arbetet mot
den också.

Så rättar du: nämn varje form under ``target_groups``: som id i ``violence_forms`` eller i
definitionstexten, som räknas när den innehåller formens namn eller ett av dess alias.""",
    "MVK012": """En persons e-postadress eller telefonnummer står i ett dokument.

Varför: planer publiceras och sparas i åratal; människor byter arbete. En namngiven
tjänstepersons adress eller direktnummer blir inaktuell, skickar allmänheten till någon som
har slutat och är personuppgifter som organisationen måste kunna ta bort.

Så rättar du: ersätt adressen med organisationens funktionsbrevlåda eller webbsida, och
numret med växeln. Adresser och nummer som är i sin ordning listas i ``allow``.""",
    "MVK013": """Platshållartext har lämnats kvar i ett dokument.

Varför: "TODO", "xxx", "[fyll i: …]" och "Lorem ipsum" markerar text som någon tänkt skriva
senare. Publicerade får de planen att se ofärdig ut, och ett tomt löfte i ett mål eller en
indikator är lätt att missa vid granskningen.

Så rättar du: skriv den riktiga texten, eller ta bort fältet tills den är känd. Anteckningar
till redaktörerna hör hemma i YAML-kommentarer (``# TODO: …``), som aldrig publiceras eller
kontrolleras. Egna mönster anges med inställningen ``patterns``. Titeln som ``mvkplan new``
ger ett dokument tills det får ett namn ("Ny handlingsplan") är också en platshållare, när den
är hela titeln.""",
    "MVK014": """Ett id följer inte namnkonventionen.

Varför: id blir länkar (``kalmar-2024/likvardig-kunskap``), filnamn och webbadresser. Små
ASCII-bokstäver, siffror och bindestreck klarar alla dessa; versaler, understreck och å, ä, ö
gör det inte, eller blir olika adresser på olika system.

Så rättar du: byt namn på id:t som tipset föreslår (å och ä blir a, ö blir o) och uppdatera
alla länkar dit; ``mvkplan links ID`` visar vad som länkar tillbaka. Numrerade mål får ha
punkt (``5.2``, ``16.a``). Ange ``pattern`` för en annan konvention.""",
    "MVK015": """En punkt länkar både till ett delmål och till målet det står under.

Varför: en länk till ett delmål i Agenda 2030 innebär målet: ``agenda2030/5.2`` är en del av
``agenda2030/5``, och täckningen räknar den där. Att länka båda säger samma sak två gånger.

Så rättar du: behåll den mest precisa länken (delmålet) och ta bort länken till målet.""",
    "MVK016": """Ett måls kedja av länkar når inte den nationella strategin.

Varför: poängen med att länka kommunens mål till länets och länets till den nationella
strategin är att varje lokalt åtagande kan spåras till ett nationellt mål. En kedja som tar
slut för tidigt bryter spåret, och den nationella täckningsöversikten missar målet.

Så rättar du: länka målet till ett mål i länets plan vars område står under den nationella
strategin, eller direkt till ``nationell-strategi/<n>``. Ett mål ärver sitt områdes och
dokuments länkar.""",
    "MVK017": """En undantagskommentar nämner ingen regel, eller en regel som inte finns.

Varför: ``# mvkplan: ignore[MVK012]`` tystar en regel på en rad. En kommentar med felstavad
kod tystar ingenting, och en naken ``# mvkplan: ignore`` skulle tysta allt.

Så rättar du: skriv regelns kod eller namn inom hakparentesen, flera åtskilda med komma:
``# mvkplan: ignore[MVK001, personal-contact]``. ``mvkplan rules`` listar koderna.""",
    "MVK018": """Ett verkligt dokument länkar till ett exempeldokument.

Varför: exempeldokument (``example: true``) beskriver ingen verklig plan; de följer med för att
visa hur verktyget fungerar. En verklig plan som länkar till ett sådant för in påhittat innehåll
i bakåtlänkar, täckning och publicerade sidor.

Så rättar du: länka till det verkliga dokumentet i stället, eller markera det länkande
dokumentet ``example: true`` om även det är ett exempel.""",
    "MVK019": """En uppföljning saknar värde för ett mål i planen som har indikatorer.

Varför: årsrapporten säger mål för mål hur långt planen har kommit. Ett mål som har en
indikator men inget värde i årets uppföljning blir en tom rad i rapporten, och läsaren kan inte
se om inget hände eller om ingen frågade.

Så rättar du: lägg till värden för en av målets indikatorer (eller för en indikator som
uppföljningen lägger till under målet), eller skriv samordnarens bedömning av målet under
``assessments`` med förklaringen till att värde saknas i år.""",
    "MVK020": """En indikators målvärde säger vad som ska nås men inte när.

Varför: ett målvärde utan år kan inte följas upp: ingen uppföljning kan säga om det nåddes i
tid, och årsrapporten kan bara skriva ut det.

Så rättar du: lägg till ``year:`` i målvärdet, t.ex. planperiodens sista år. Ett målvärde som
bara anger en riktning (``direction: increase``) bedöms år för år och behöver inget år.""",
    "MVK021": """Ett år saknar uppföljning för en plan som följs upp varje år.

Varför: planen säger att indikatorerna följs upp årligen. När ett år hoppas över spänner
förändringen i årsrapporten över två år, och det året arbete redovisas aldrig.

Så rättar du: lägg till årets uppföljning (``kind: follow-up``, ``plan:`` och ``year:``),
även om den bara innehåller samordnarens bedömning.""",
    "MVK022": """En aktivitet är markerad som genomförd utan datum.

Varför: årsrapporten och granskningen inför nästa plan frågar när saker hände. En genomförd
aktivitet utan datum kan inte placeras i året.

Så rättar du: lägg till ``date:`` i statusen, så exakt som det är känt ('2025', '2025-05' eller
'2025-05-14').""",
    "MVK023": """En uppföljning är fortfarande ett utkast efter sista dagen.

Varför: länsstyrelsen rapporterar varje vår. En uppföljning som fortfarande är ``draft`` efter
sista dagen betyder att rapporten gick ut med obekräftade värden, eller inte alls.

Så rättar du: gör klart uppföljningen och sätt ``status: adopted``, eller flytta
``deadline:``. Med inställningen ``deadline = "03-31"`` får en uppföljning utan eget datum
den dagen året efter det år den följer upp.""",
    "MVK024": """En synpunkt i en remiss saknar beslut.

Varför: en remiss är färdigbehandlad när varje synpunkt har fått ett beslut: tillgodosedd,
delvis tillgodosedd eller inte tillgodosedd, med skälet. Remissammanställningen visar varje
remissinstans hur dess synpunkter hanterades; en synpunkt utan beslut ser ut att ha glömts bort.

Så rättar du: ge svaret ett ``decision:`` (``accepted``, ``partly`` eller ``not-accepted``),
med ``reason:`` om den inte tillgodosågs helt.""",
    "MVK025": """En remissinstans har inte svarat till sista svarsdag.

Varför: remissammanställningen ska visa vilka som tillfrågades och inte svarade; en instans
som inte svarar kan också betyda att förslaget aldrig nådde fram.

Så rättar du: läs in instansens svar (``mvkplan consultation import``). Kom inget svar, låt
instansen stå kvar (sammanställningen skriver "inget svar") och sätt remissens
``status: adopted`` när remissen avslutas; då upphör varningen.""",
    "MVK026": """En granskad länks mål har formulerats om sedan länken granskades.

Varför: ett kommunalt mål som länkar till ett länsmål säger "vi gör vår del av det". När
länet formulerar om sitt mål kanske länken inte längre håller, och ingen som läser den
kommunala planen märker det. En länk som skrivs med ett fingeravtryck av målets lydelse
(``…/1@3f9a0c12``) minns vad den granskades mot; när målets rubrik eller text ändras blir
länken *misstänkt*. Fyndet visar målets nuvarande lydelse; ``mvkplan review`` hittar den
gamla i git (den version av målets fil vars lydelse har fingeravtrycket) och visar båda.

Så rättar du: läs målets nya lydelse. Håller länken, kör ``mvkplan review FIL``, som skriver
det nya fingeravtrycket bredvid länken (inget annat i filen ändras). Håller den inte, länka
till det mål som passar eller ta bort länken.""",
}

OPTIONS_SV: dict[tuple[str, str], str] = {
    ("MVK005", "frameworks"): "Id för de ramverk varje dokument ska täcka (standard: de som dess "
                              "områden länkar till).",
    ("MVK011", "kinds"): "Dokumentslag som ska nämna varje form av våld.",
    ("MVK012", "allow"): "E-postadresser och telefonnummer som får stå i dokumenten (gemensamma).",
    ("MVK013", "patterns"): "Fler platshållare, som reguljära uttryck (skiftläget spelar ingen roll).",
    ("MVK014", "pattern"): "Reguljärt uttryck som varje id ska matcha i sin helhet.",
    ("MVK016", "kinds"): "Dokumentslag vars mål och aktiviteter ska nå ``target``.",
    ("MVK016", "target"): "Id för det ramverk varje kedja ska nå.",
    ("MVK023", "deadline"): "Standardsista dag som 'MM-DD' året efter det uppföljda året, t.ex. '03-31'.",
}
"""The rules' option descriptions in Swedish, by (code, option name as written)."""

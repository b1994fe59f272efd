"""The demo round as data: calls, log-ins, and invented applications from municipalities.

Every application, person and association here is made up for demonstration; the texts
are written for Bidra and describe the kinds of work the grant typically funds. No text
describes an individual's ethnicity: target groups are described in aggregate only.

Application texts are templates. The loader fills in ``{ort}`` (the municipality's name),
``{org}`` (its name as an organisation, for example "Malmö stad"), ``{forvaltning}`` and
``{forvaltning_cap}`` (the administration, lower case and as written), ``{forening}`` (the
Roma association taking part), ``{detail}`` (a sentence about local circumstances) and the
archetype's own figures (``defaults``, overridden per application in ``vars``).
"""

from typing import Any

PASSWORD = "bidra-demo-2024"
SITE_URL = "http://127.0.0.1:8000/"

# Namespace of the demo's start keys: uuid5(START_KEY_NAMESPACE, "demo-<n>").
START_KEY_NAMESPACE = "5b0c7a52-4d1e-4f0a-9a77-3c2b8f61d0e4"

# --- Calls ------------------------------------------------------------------------------------
SPRING_SLUG = "romsk-inkludering-2024"
AUTUMN_SLUG = "romsk-inkludering-2024-host"
OPEN_SLUG = "romsk-inkludering-oppen"

SPRING_CALL = {
    "title": "Romsk inkludering 2024",
    "title_en": "Roma inclusion 2024",
    "description": (
        "Kommuner kan söka bidrag för insatser som främjar romsk inkludering och som genomförs under 2024 "
        "och första halvåret 2025. Totalt finns 8 650 000 kronor att fördela i omgången. Ansökan ska ha "
        "kommit in senast den 15 april 2024."
    ),
    "description_en": (
        "Municipalities may apply for work that promotes Roma inclusion and takes place during 2024 and the "
        "first half of 2025. A total of SEK 8,650,000 is available in this round. Applications must arrive "
        "by 15 April 2024."
    ),
}

AUTUMN_CALL = {
    "title": "Romsk inkludering 2024, höstomgång",
    "title_en": "Roma inclusion 2024, autumn round",
    "description": (
        "Höstomgången fördelar de 1 180 000 kronor som inte gick åt i vårens ansökningsomgång. Insatserna "
        "kan pågå från november 2024 till och med december 2025."
    ),
    "description_en": (
        "The autumn round distributes the SEK 1,180,000 left over from the spring round. Work may run from "
        "November 2024 to the end of December 2025."
    ),
}

OPEN_CALL = {
    "title": "Romsk inkludering {year}",
    "title_en": "Roma inclusion {year}",
    "description": (
        "Ansökningsomgången är öppen nu. Kommuner kan söka bidrag för insatser inom utbildning, arbete, "
        "bostad, hälsa, social omsorg och trygghet, kultur och språk samt civilsamhällets organisering. "
        "Insatsen får pågå i högst 18 månader inom omgångens tidsram."
    ),
    "description_en": (
        "This round is open now. Municipalities may apply for work on education, work, housing, health, "
        "social care and safety, culture and language, and civil society organisation. The work may last "
        "at most 18 months within the round's time frame."
    ),
}

# --- Log-ins ----------------------------------------------------------------------------------
# (e-mail, full name, agency role code, Django admin access)
STAFF = [
    ("handlaggare@lansstyrelsen.demo", "Hanna Handläggare", "case_officer", False),
    ("handlaggare2@lansstyrelsen.demo", "Oskar Olsson", "case_officer", False),
    ("beslutsfattare@lansstyrelsen.demo", "Margareta Lindqvist", "decision_maker", False),
    ("registrator@lansstyrelsen.demo", "Per Holmberg", "registrar", False),
    ("ekonomi@lansstyrelsen.demo", "Johan Ekman", "finance", False),
    ("uppfoljare@lansstyrelsen.demo", "Leila Nyström", "analyst", False),
    ("admin@lansstyrelsen.demo", "Mikael Strand", "administrator", True),
]

# (e-mail, full name, municipality code, municipality administrator)
MUNICIPALITY_USERS = [
    ("anna.andersson@stockholm.demo", "Anna Andersson", "0180", True),
    ("erik.eriksson@goteborg.demo", "Erik Eriksson", "1480", True),
    ("sara.svensson@malmo.demo", "Sara Svensson", "1280", False),
    ("lena.lind@norrkoping.demo", "Lena Lind", "0581", False),
]

# Other municipalities act through one unlisted user each.
HIDDEN_USER_EMAIL = "demo+{code}@kommun.demo"

# The municipality as an organisation, as it names itself.
ORGANISATIONS = {
    "0126": "Huddinge kommun",
    "0127": "Botkyrka kommun",
    "0136": "Haninge kommun",
    "0180": "Stockholms stad",
    "0181": "Södertälje kommun",
    "0191": "Sigtuna kommun",
    "0380": "Uppsala kommun",
    "0480": "Nyköpings kommun",
    "0484": "Eskilstuna kommun",
    "0580": "Linköpings kommun",
    "0581": "Norrköpings kommun",
    "0680": "Jönköpings kommun",
    "1280": "Malmö stad",
    "1281": "Lunds kommun",
    "1282": "Landskrona stad",
    "1283": "Helsingborgs stad",
    "1285": "Eslövs kommun",
    "1480": "Göteborgs stad",
    "1481": "Mölndals stad",
    "1488": "Trollhättans stad",
    "1490": "Borås stad",
    "1861": "Hallsbergs kommun",
    "1880": "Örebro kommun",
    "1980": "Västerås stad",
    "2180": "Gävle kommun",
    "2181": "Sandvikens kommun",
    "2183": "Bollnäs kommun",
    "2184": "Hudiksvalls kommun",
    "2281": "Sundsvalls kommun",
    "2480": "Umeå kommun",
    "2482": "Skellefteå kommun",
    "2523": "Gällivare kommun",
    "2580": "Luleå kommun",
    "2584": "Kiruna kommun",
}

# --- Archetypes -------------------------------------------------------------------------------
# budget: (category, description, share of the requested amount); the largest share takes
# whatever rounding to whole thousands leaves over. co_actors: (name, role) templates.
ARCHETYPES: dict[str, dict[str, Any]] = {
    "lasambassad": {
        "areas": ["kultur-sprak", "utbildning"],
        "target_groups": ["children_youth", "women"],
        "defaults": {"ambassadorer": "tre", "bibliotek": "två", "barn": 80, "tjanst": "tre läsambassadörer på deltid"},
        "title": "Romska läsambassadörer på biblioteken i {ort}",
        "summary": (
            "Biblioteken i {ort} anställer {ambassadorer} läsambassadörer med romsk bakgrund som läser med barn "
            "och bjuder in familjer till sagostunder, bokprat och språkcaféer. Insatsen ska göra biblioteket till "
            "en självklar plats för romska barn, unga och kvinnor."
        ),
        "purpose": (
            "Få romska familjer använder bibliotekens tjänster i dag, trots att biblioteken har litteratur på "
            "romani och lånekort utan kostnad. I samtal med romska föräldrar har det kommit fram att många inte "
            "känner sig välkomna och inte vet vad biblioteket kan erbjuda. Syftet är att väcka barnens läslust, "
            "stödja deras språkutveckling och stärka kvinnornas kontakt med biblioteket som en trygg offentlig "
            "miljö. {detail}"
        ),
        "activities": (
            "Läsambassadörerna arbetar på {bibliotek} bibliotek några eftermiddagar i veckan. De håller "
            "sagostunder på romani och svenska, tipsar om böcker och hjälper föräldrar att låna och att använda "
            "bibliotekets digitala tjänster. En gång i månaden ordnas en kväll för kvinnor med bokcirkel och "
            "samtal. Bibliotekspersonalen får en halvdags utbildning om romsk historia och litteratur, och "
            "tillsammans med ambassadörerna köps nya medier på romani in. Efter varje termin följs arbetet upp "
            "med besöksstatistik och korta intervjuer med deltagarna."
        ),
        "roma_participation": (
            "Läsambassadörerna är själva romer och planerar programmet tillsammans med bibliotekarierna. "
            "{forening} sprider information i sina nätverk och ingår i en referensgrupp som träffas varje termin "
            "och föreslår ändringar i verksamheten."
        ),
        "long_term_effects": (
            "Biblioteken får ett arbetssätt och ett mediebestånd som finns kvar efter projektet. Målet är att "
            "läsambassadörerna ska bli en del av bibliotekens ordinarie programverksamhet och att erfarenheterna "
            "sprids till fler bibliotek i kommunen."
        ),
        "target_group_description": (
            "Romska barn i förskole- och lågstadieåldern och deras föräldrar, främst mammor. Vi räknar med att "
            "nå omkring {barn} barn och ett trettiotal vuxna under projekttiden. Bibliotekspersonalen deltar i "
            "utbildningen."
        ),
        "budget": [
            ("personnel", "Lön och sociala avgifter, {tjanst}", 0.62),
            ("materials", "Barnböcker och andra medier på romani", 0.14),
            ("external_services", "Föreläsare och utbildning för bibliotekspersonal", 0.10),
            ("events", "Sagostunder, bokcirklar och familjeträffar", 0.10),
            ("travel", "Resor mellan biblioteken", 0.04),
        ],
        "co_actors": [("{forening}", "Sprider information, ingår i referensgruppen och föreslår litteratur")],
    },
    "kompetens": {
        "areas": ["social-omsorg-trygghet", "utbildning"],
        "target_groups": ["municipal_staff", "socially_vulnerable"],
        "defaults": {"personal": 250, "tillfallen": 8, "yrken": "medarbetare och chefer"},
        "title": "Kunskap som bygger förtroende – romsk inkludering i {forvaltning}",
        "summary": (
            "{forvaltning_cap} i {org} utbildar omkring {personal} medarbetare om romers historia, om "
            "minoritetens rättigheter och om hur antiziganism kan påverka mötet med kommunen. Utbildningen tas "
            "fram tillsammans med romska företrädare och blir en del av introduktionen för nyanställda."
        ),
        "purpose": (
            "Många romer beskriver misstro mot kommunens verksamheter och berättar om tidigare erfarenheter av "
            "att bli dåligt bemötta. Samtidigt säger medarbetare att de saknar kunskap om den romska minoriteten "
            "och om vad minoritetslagen innebär för deras arbete. Syftet är att minska förtroendeklyftan genom att "
            "ge personalen kunskap och verktyg för ett bemötande som vilar på mänskliga rättigheter och "
            "icke-diskriminering. {detail}"
        ),
        "activities": (
            "En arbetsgrupp där romska företrädare ingår tar fram ett utbildningspaket med korta filmer, ett "
            "handledarmaterial och frågor för samtal i arbetsgruppen. Därefter hålls {tillfallen} "
            "utbildningstillfällen för {yrken}. Varje arbetsplats utser en kontaktperson som leder uppföljande "
            "samtal i sin grupp. Insatsen avslutas med en dialogkonferens där medarbetare och romska "
            "organisationer tillsammans diskuterar vad som behöver förändras."
        ),
        "roma_participation": (
            "Romska föreläsare och {forening} är med och skriver materialet och granskar det innan det används. "
            "Romska medverkande leder delar av utbildningstillfällena, och dialogkonferensen planeras tillsammans "
            "med föreningen."
        ),
        "long_term_effects": (
            "Materialet blir en del av förvaltningens introduktion för nya medarbetare och kan användas utan "
            "extra kostnad efter projekttiden. Kontaktpersonerna på arbetsplatserna bildar ett nätverk som "
            "fortsätter att träffas två gånger om året."
        ),
        "target_group_description": (
            "I första hand omkring {personal} medarbetare inom {forvaltning}. Indirekt når insatsen de romska "
            "invånare som har kontakt med förvaltningen, bland dem många barnfamiljer och hushåll med svag ekonomi."
        ),
        "budget": [
            ("external_services", "Produktion av filmer och handledarmaterial", 0.38),
            ("personnel", "Projektledare, del av tjänst", 0.32),
            ("external_services", "Arvoden till romska föreläsare och granskare", 0.14),
            ("events", "Utbildningstillfällen och dialogkonferens", 0.12),
            ("materials", "Tryck av deltagarhäften", 0.04),
        ],
        "co_actors": [("{forening}", "Ingår i arbetsgruppen, granskar materialet och leder delar av utbildningen")],
    },
    "brobyggare-skola": {
        "areas": ["utbildning", "social-omsorg-trygghet"],
        "target_groups": ["children_youth", "municipal_staff"],
        "defaults": {"brobyggare": "två", "skolor": "fem", "elever": 70, "tjanst": "två brobyggare på heltid"},
        "title": "Romska brobyggare i grundskolan i {ort}",
        "summary": (
            "{org} utökar arbetet med romska brobyggare till {skolor} grundskolor. Brobyggarna stöttar elever och "
            "vårdnadshavare, underlättar kontakten med skolan och hjälper lärare och elevhälsa att förstå "
            "familjernas situation."
        ),
        "purpose": (
            "Många romska elever i {ort} har hög frånvaro och lämnar grundskolan utan godkända betyg i alla "
            "ämnen. Skolorna beskriver att kontakten med hemmen ofta bryts när problem uppstår, och flera "
            "föräldrar bär med sig egna svåra erfarenheter av skolan. Syftet är att bygga förtroende mellan "
            "familjer och skola så att fler romska barn går i skolan regelbundet och når kunskapskraven. {detail}"
        ),
        "activities": (
            "I början av projektet rekryteras {brobyggare} brobyggare med romsk bakgrund och goda kunskaper i "
            "romani chib. De får en introduktion om skolans uppdrag, sekretess och barnkonventionen. Därefter "
            "arbetar de på {skolor} skolor med hembesök, stöd vid utvecklingssamtal, samtal med elever som riskerar "
            "att fastna hemma och föräldraträffar varje månad. Brobyggarna träffar rektorer och elevhälsa "
            "varannan vecka för planering och uppföljning, och närvaron följs upp varje termin."
        ),
        "roma_participation": (
            "Brobyggarna har själva romsk bakgrund. En referensgrupp med romska vårdnadshavare träffas fyra gånger "
            "per termin och påverkar vad brobyggarna prioriterar. {forening} deltar i rekryteringen och i "
            "utvärderingen."
        ),
        "long_term_effects": (
            "Skolorna får rutiner för kontakten med romska familjer som finns kvar efter projektet. "
            "{forvaltning_cap} tar under projekttiden fram ett underlag för att göra brobyggartjänsterna "
            "permanenta i den ordinarie budgeten."
        ),
        "target_group_description": (
            "Omkring {elever} romska elever i årskurs 1–9 och deras vårdnadshavare på de skolor som ingår, samt "
            "lärare och elevhälsopersonal på skolorna."
        ),
        "budget": [
            ("personnel", "Lön och sociala avgifter, {tjanst}", 0.80),
            ("external_services", "Introduktionsutbildning och handledning för brobyggarna", 0.07),
            ("events", "Föräldraträffar", 0.06),
            ("materials", "Material på romani och svenska", 0.04),
            ("travel", "Resor mellan skolorna", 0.03),
        ],
        "co_actors": [("{forening}", "Deltar i rekryteringen av brobyggare, i referensgruppen och i utvärderingen")],
    },
    "brobyggare-social": {
        "areas": ["social-omsorg-trygghet", "bostad"],
        "target_groups": ["socially_vulnerable", "women", "children_youth"],
        "defaults": {"tjanst": "en brobyggare på heltid", "omraden": "två bostadsområden", "hushall": 40},
        "title": "Brobyggare mellan romska invånare och socialtjänsten i {ort}",
        "summary": (
            "{org} anställer {tjanst} med romsk bakgrund som ska underlätta kontakten mellan romska invånare och "
            "socialtjänsten. Brobyggaren arbetar uppsökande i {omraden} och hjälper samtidigt förvaltningen att se "
            "var stödet inte når fram."
        ),
        "purpose": (
            "Kommunens kartläggning av socioekonomiska förhållanden visar att flera romska hushåll har det svårt "
            "när det gäller boende, ekonomi och hälsa, men att få av dem söker stöd i tid. Många har låg tillit "
            "till socialtjänsten. Syftet är att öka förtroendet så att familjer får rätt stöd tidigare, och att "
            "kommunen får veta vilka hinder som finns. {detail}"
        ),
        "activities": (
            "Brobyggaren arbetar uppsökande i {omraden}, följer med vid besök hos socialtjänsten, "
            "Försäkringskassan och hyresvärdar och förklarar hur olika former av stöd fungerar. Brobyggaren "
            "deltar också i socialtjänstens ärendedragningar för att ge råd om bemötande, men fattar inga beslut "
            "och har inget myndighetsansvar. Varje kvartal sammanställs iakttagelser om hinder och brister, utan "
            "uppgifter om enskilda, som lämnas till förvaltningens ledning."
        ),
        "roma_participation": (
            "Tjänsten tillsätts med en person som har romsk bakgrund och förtroende i gruppen. {forening} ingår i "
            "en styrgrupp tillsammans med förvaltningen och är med och bestämmer vilka frågor som prioriteras."
        ),
        "long_term_effects": (
            "Iakttagelserna om hinder används för att ändra förvaltningens rutiner, till exempel hur information "
            "utformas och hur tolk bokas. Förvaltningen avser att finansiera tjänsten själv efter projekttiden om "
            "utvärderingen visar goda resultat."
        ),
        "target_group_description": (
            "Romska hushåll i {omraden}, omkring {hushall} familjer, med särskild tonvikt på kvinnor och "
            "barnfamiljer. Personal inom socialtjänsten är en sekundär målgrupp."
        ),
        "budget": [
            ("personnel", "Lön och sociala avgifter, {tjanst}", 0.85),
            ("external_services", "Handledning och extern utvärdering", 0.06),
            ("materials", "Informationsmaterial och mobiltelefon", 0.05),
            ("travel", "Resor i tjänsten", 0.04),
        ],
        "co_actors": [("{forening}", "Ingår i styrgruppen och bidrar med kontakter och kunskap om gruppens behov")],
    },
    "skolstart": {
        "areas": ["utbildning"],
        "target_groups": ["children_youth", "women"],
        "defaults": {"barn": 25, "grupper": "två", "veckor": 30},
        "title": "Trygg skolstart och läxhjälp för romska barn i {ort}",
        "summary": (
            "Romska barn i förskoleklass och lågstadiet i {ort} får regelbundet stöd i läsning och matematik i "
            "små grupper, och deras föräldrar erbjuds en föräldracirkel om hur skolan fungerar. Målet är att barnen "
            "får en bra start i skolan och att föräldrarna känner sig trygga i kontakten med den."
        ),
        "purpose": (
            "De första skolåren lägger grunden för fortsatt lärande, men många romska barn i kommunen börjar "
            "skolan utan att ha gått i förskola och med liten vana vid böcker. Föräldrarna vill att barnen ska "
            "lyckas men har ofta egna negativa minnen av skolan och vet inte alltid hur de kan hjälpa till. "
            "Syftet är att förebygga misslyckanden i skolan genom att stärka både barnen och föräldrarna. {detail}"
        ),
        "activities": (
            "Barnen träffas i {grupper} grupper tre eftermiddagar i veckan under {veckor} veckor för korta pass "
            "med läsning, matematik och spel. Pedagogerna samarbetar med klasslärarna så att övningarna knyter an "
            "till undervisningen. Föräldrarna bjuds in till en föräldracirkel varannan vecka om skolans mål, "
            "betyg, närvaro och hur man kan hjälpa till med läxor. Familjer som vill får också enskilda samtal "
            "med en familjestödjare."
        ),
        "roma_participation": (
            "Insatsen har planerats tillsammans med romska föräldrar som själva tagit upp frågan, och en av "
            "pedagogerna har romsk bakgrund. Föräldracirkeln leds tillsammans med {forening}, och föräldrarnas "
            "synpunkter styr vilka teman som tas upp."
        ),
        "long_term_effects": (
            "Skolorna får beprövade arbetssätt för samarbetet med romska familjer, och materialet från "
            "föräldracirkeln kan användas igen. Föräldrar som har deltagit kan i sin tur stötta andra familjer. "
            "Kommunen följer barnens närvaro och läsutveckling som underlag för beslut om fortsatt finansiering."
        ),
        "target_group_description": (
            "Omkring {barn} romska barn i förskoleklass till årskurs 3 och deras föräldrar. Mammorna har ofta mest "
            "kontakt med skolan, och föräldracirkeln läggs på tider som passar dem."
        ),
        "budget": [
            ("personnel", "Pedagoger och familjestödjare, del av tjänst", 0.70),
            ("materials", "Läromedel, spel och böcker", 0.10),
            ("events", "Föräldracirkel och avslutningsträffar", 0.08),
            ("premises", "Lokal för grupperna", 0.06),
            ("external_services", "Cirkelledare från studieförbund", 0.06),
        ],
        "co_actors": [("{forening}", "Leder föräldracirkeln tillsammans med kommunen")],
    },
    "behovsinventering": {
        "areas": ["utbildning", "arbete", "bostad", "halsa", "social-omsorg-trygghet"],
        "target_groups": ["others", "municipal_staff"],
        "target_groups_other": "Romska invånare i alla åldrar",
        "defaults": {"samtal": 60, "manader": "tio"},
        "title": "Behovsinventering tillsammans med romer i {ort}",
        "summary": (
            "{org} inventerar romska invånares behov inom utbildning, arbete, boende och hälsa. Inventeringen görs "
            "tillsammans med romska företrädare och ska bli grunden för en handlingsplan för romsk inkludering."
        ),
        "purpose": (
            "Kommunen saknar i dag en samlad bild av den romska minoritetens situation och behov, vilket gör det "
            "svårt att prioritera rätt insatser och att leva upp till minoritetslagens krav på inflytande. Syftet "
            "är att ta fram ett kunskapsunderlag som bygger på romers egna erfarenheter och som kan användas i "
            "kommunens planering. {detail}"
        ),
        "activities": (
            "En projektledare och två romska intervjuare genomför omkring {samtal} samtal och fokusgrupper med "
            "romska invånare i olika åldrar, kvinnor såväl som män. Samtidigt intervjuas nyckelpersoner i "
            "kommunens verksamheter. Resultaten analyseras och presenteras vid en öppen träff där deltagarna får "
            "kommentera slutsatserna innan rapporten skrivs klart. Under inventeringens {manader} månader hålls "
            "också två seminarier om romsk inkludering för chefer och förtroendevalda."
        ),
        "roma_participation": (
            "Intervjuarna är romer med egna kontakter i gruppen. En referensgrupp med företrädare för {forening} "
            "och andra romska invånare godkänner frågeområdena och tolkar resultaten tillsammans med "
            "projektledaren. Inga uppgifter om enskildas etniska tillhörighet registreras; resultaten redovisas "
            "bara på gruppnivå."
        ),
        "long_term_effects": (
            "Inventeringen leder fram till en handlingsplan som kommunstyrelsen beslutar om och som styr arbetet "
            "de kommande åren. Referensgruppen föreslås bli ett permanent samrådsorgan för romska frågor."
        ),
        "target_group_description": (
            "Romska invånare i kommunen i alla åldrar, samt chefer, medarbetare och förtroendevalda som deltar i "
            "seminarierna."
        ),
        "budget": [
            ("personnel", "Projektledare, halvtid", 0.55),
            ("external_services", "Arvoden till romska intervjuare", 0.22),
            ("events", "Fokusgrupper, öppen träff och seminarier", 0.10),
            ("external_services", "Föreläsare vid seminarierna", 0.08),
            ("materials", "Tryck och översättning av rapporten", 0.05),
        ],
        "co_actors": [("{forening}", "Ingår i referensgruppen och hjälper till att nå intervjupersoner")],
    },
    "kulturdagar": {
        "areas": ["kultur-sprak", "civilsamhallets-organisering"],
        "target_groups": ["others", "children_youth"],
        "target_groups_other": "Allmänheten och kommunens anställda",
        "defaults": {
            "besokare": 600,
            "program": (
                "en konsert med romska musiker, en kväll med berättelser och poesi på romani och svenska, en "
                "utställning om romsk historia i Sverige och en familjedag med dans och workshoppar för barn"
            ),
        },
        "title": "Romska kulturdagar i {ort}",
        "summary": (
            "{forvaltning_cap} i {org} ordnar romska kulturdagar kring romernas nationaldag den 8 april, med "
            "musik, berättande och aktiviteter för barn. Syftet är att öka kunskapen om romsk kultur och historia "
            "hos invånare och kommunanställda och att synliggöra romer i {ort}."
        ),
        "purpose": (
            "Romsk kultur syns sällan i kommunens kulturutbud, och flera romer i {ort} berättar att de undviker "
            "att visa sin identitet offentligt. Kommunens medarbetarenkät visar också att kunskapen om de "
            "nationella minoriteterna är låg. Syftet är att sprida kunskap om romsk kultur och historia och att ge "
            "romska utövare en scen, så att romsk identitet blir en självklar del av kulturlivet i {ort}. {detail}"
        ),
        "activities": (
            "Kulturdagarna innehåller {program}. Kommunens anställda bjuds särskilt in till en föreläsning om "
            "antiziganism. Programmet marknadsförs i kommunens kanaler och genom romska nätverk, och efteråt "
            "görs en enkät bland besökarna."
        ),
        "roma_participation": (
            "Programmet tas fram av en planeringsgrupp där romska kulturutövare och {forening} ingår. Alla "
            "medverkande artister och föreläsare har romsk bakgrund och får arvode enligt kommunens riktlinjer."
        ),
        "long_term_effects": (
            "Kulturdagarna är tänkta att bli ett återkommande inslag i kommunens program, och kontakterna med "
            "romska kulturutövare finns kvar. Material från dagarna kan lånas ut till skolor och bibliotek efteråt."
        ),
        "target_group_description": (
            "Allmänheten, romska invånare och kommunens anställda. Vi räknar med omkring {besokare} besökare "
            "sammanlagt, varav många barnfamiljer."
        ),
        "budget": [
            ("external_services", "Arvoden till musiker, berättare och föreläsare", 0.45),
            ("events", "Teknik och scen", 0.20),
            ("materials", "Utställning och marknadsföring", 0.15),
            ("premises", "Lokalhyra", 0.10),
            ("travel", "Resor och logi för medverkande", 0.10),
        ],
        "co_actors": [("{forening}", "Ingår i planeringsgruppen och ansvarar för familjedagen")],
    },
    "romani-material": {
        "areas": ["kultur-sprak", "utbildning"],
        "target_groups": ["children_youth", "women"],
        "defaults": {"titlar": "sex", "familjer": 35, "varieteter": "arli och kalderash"},
        "title": "Barnens romani – material för familjer och förskola i {ort}",
        "summary": (
            "{org} tar fram bilderböcker, ljudinspelningar och korta filmer på romani tillsammans med romska "
            "föräldrar och språkbärare. Materialet används i förskolan, på biblioteket och i ett föräldranätverk "
            "som träffas regelbundet."
        ),
        "purpose": (
            "Romani chib är ett nationellt minoritetsspråk som kommunen ska skydda och främja, men det finns "
            "mycket lite material för små barn, särskilt på de varieteter som talas i {ort}. Flera föräldrar har "
            "efterfrågat stöd för att föra språket vidare till sina barn. Syftet är att stärka barnens språk och "
            "identitet och att öka föräldrarnas förtroende för kommunens verksamheter. {detail}"
        ),
        "activities": (
            "Tillsammans med språkbärare och föräldrar tas {titlar} titlar fram: bilderböcker med ljudfiler, "
            "sånger och korta filmer på {varieteter}. Materialet prövas i ett föräldranätverk som träffas "
            "varannan vecka med sångstund och lek, och i två förskolor. Förskolepersonalen får en introduktion i "
            "hur materialet kan användas. Allt material publiceras fritt på kommunens webbplats."
        ),
        "roma_participation": (
            "Innehållet skrivs och läses in av romska språkbärare. Föräldranätverket väljer teman och prövar "
            "materialet innan det trycks, och {forening} ansvarar för en del av nätverkets träffar."
        ),
        "long_term_effects": (
            "Materialet finns kvar och kan användas av förskolor och bibliotek i hela landet. Föräldranätverket "
            "fortsätter med stöd av den öppna förskolan när projekttiden är slut."
        ),
        "target_group_description": (
            "Romska barn 0–6 år och deras föräldrar, främst mammor, omkring {familjer} familjer. "
            "Förskolepersonal och bibliotekarier använder materialet."
        ),
        "budget": [
            ("external_services", "Arvoden till språkbärare, illustratör och inläsare", 0.35),
            ("personnel", "Samordnare, del av tjänst", 0.25),
            ("materials", "Tryck av böcker", 0.17),
            ("external_services", "Filminspelning och redigering", 0.15),
            ("events", "Föräldranätverkets träffar", 0.08),
        ],
        "co_actors": [("{forening}", "Ansvarar för delar av föräldranätverkets träffar och granskar språket")],
    },
    "motesplats-unga": {
        "areas": ["kultur-sprak", "social-omsorg-trygghet", "civilsamhallets-organisering"],
        "target_groups": ["children_youth"],
        "defaults": {"kvallar": "två kvällar", "unga": 40, "alder": "13–25"},
        "title": "Mötesplats för unga romer i {ort}",
        "summary": (
            "{org} öppnar en mötesplats där unga romer i åldern {alder} år kan träffas, delta i aktiviteter och få "
            "stöd med skola och framtidsplaner. Ungdomarna är med och bestämmer innehållet, och verksamheten drivs "
            "tillsammans med en romsk förening."
        ),
        "purpose": (
            "Unga romer i {ort} berättar att de ofta döljer sin identitet i skolan och på fritiden av rädsla för "
            "fördomar, och få av dem deltar i kommunens fritidsverksamhet. Syftet är att skapa en trygg plats där "
            "unga kan vara sig själva, stärka sin identitet och få kontakt med vuxna som kan stötta dem i skola "
            "och arbete. {detail}"
        ),
        "activities": (
            "Mötesplatsen håller öppet {kvallar} i veckan i en av kommunens fritidsgårdar. Där erbjuds läxstöd, "
            "samtalsgrupper, musik och idrott samt studiebesök på arbetsplatser. Varje termin bjuds en romsk "
            "förebild in för att berätta om sin väg. Ungdomarna planerar egna arrangemang, och en gång i månaden "
            "hålls en tjejkväll som leds av kvinnliga ledare."
        ),
        "roma_participation": (
            "Två av fritidsledarna har romsk bakgrund, och ett ungdomsråd med unga romer beslutar om aktiviteterna "
            "och om en egen budget för arrangemang. {forening} är medarrangör och bidrar med ledare."
        ),
        "long_term_effects": (
            "Ungdomsrådet och samarbetet med föreningen blir en del av kommunens ordinarie fritidsverksamhet. "
            "Kommunen räknar med att ungdomar som har deltagit hittar till andra verksamheter och att några av dem "
            "med tiden blir ledare själva."
        ),
        "target_group_description": (
            "Unga romer {alder} år, omkring {unga} personer per termin, varav ungefär hälften tjejer."
        ),
        "budget": [
            ("personnel", "Fritidsledare, del av tjänst", 0.60),
            ("events", "Aktiviteter, studiebesök och föreläsningar", 0.15),
            ("premises", "Lokal kvällstid", 0.10),
            ("materials", "Utrustning och material", 0.10),
            ("travel", "Resor vid studiebesök", 0.05),
        ],
        "co_actors": [("{forening}", "Medarrangör som bidrar med ledare och kontakter")],
    },
    "kvinnor": {
        "areas": ["social-omsorg-trygghet", "arbete", "halsa"],
        "target_groups": ["women", "children_youth", "socially_vulnerable"],
        "defaults": {
            "kvinnor": 45,
            "tjanst": "en kvinnlig brobyggare på 75 procent",
            "ledare": "en kvinnlig brobyggare",
        },
        "title": "Stöd och gemenskap för romska kvinnor i {ort}",
        "summary": (
            "{org} erbjuder romska kvinnor enskild vägledning och en träffpunkt där de kan få stöd i kontakter med "
            "myndigheter, vård och skola. Arbetet leds av {ledare} med romsk bakgrund."
        ),
        "purpose": (
            "Romska kvinnor i {ort} har ofta huvudansvaret för barn och familj men har mindre kontakt med "
            "kommunens stöd än andra. Många saknar utbildning och arbete och upplever att det är svårt att få "
            "hjälp på egna villkor. Syftet är att stärka kvinnornas möjligheter att ta tillvara sina rättigheter, "
            "vilket också ger barnen tryggare uppväxtvillkor. {detail}"
        ),
        "activities": (
            "{tjanst_cap} med romsk bakgrund anställs och håller öppen mottagning två dagar i veckan, följer med "
            "vid besök hos myndigheter och vård och hjälper kvinnor att hitta utbildning och praktik. En gång i "
            "veckan ordnas en träffpunkt med samtal, studiecirklar om privatekonomi och hälsa samt information "
            "från olika verksamheter. Kvinnor som har fått stöd erbjuds att bli mentorer för andra."
        ),
        "roma_participation": (
            "Stödet ges av personer med romsk bakgrund, och träffpunktens innehåll planeras tillsammans med "
            "deltagarna. {forening} ingår i en referensgrupp och följer upp hur kvinnorna upplever stödet."
        ),
        "long_term_effects": (
            "Kvinnor som har fått stöd blir mentorer och förebilder för andra, så att kunskapen sprids vidare även "
            "när projektet är slut. Förvaltningen använder erfarenheterna för att göra sina verksamheter mer "
            "tillgängliga för romska kvinnor."
        ),
        "target_group_description": (
            "Romska kvinnor i alla åldrar, omkring {kvinnor} personer under projekttiden. Indirekt når insatsen "
            "deras barn."
        ),
        "budget": [
            ("personnel", "Lön och sociala avgifter, {tjanst}", 0.75),
            ("events", "Studiecirklar och träffar", 0.09),
            ("premises", "Lokal för träffpunkten", 0.08),
            ("materials", "Informationsmaterial", 0.04),
            ("travel", "Resor vid ledsagning", 0.04),
        ],
        "co_actors": [("{forening}", "Ingår i referensgruppen och följer upp deltagarnas erfarenheter")],
    },
    "aldre": {
        "areas": ["social-omsorg-trygghet", "halsa", "civilsamhallets-organisering"],
        "target_groups": ["elderly", "women"],
        "defaults": {"aldre": 30},
        "title": "Trygg ålderdom för romska äldre i {ort}",
        "summary": (
            "{org} vill öka romska äldres tillit till äldreomsorgen. Äldre romer, främst kvinnor, får stöd att "
            "bilda en egen pensionärsgrupp, och omsorgspersonalen får kunskap om romsk kultur och historia."
        ),
        "purpose": (
            "Få romska äldre i {ort} tar emot hemtjänst eller andra insatser från äldreomsorgen, trots att "
            "behoven finns. Anhöriga, ofta döttrar och svärdöttrar, bär ett stort ansvar. Kommunen vill kunna "
            "erbjuda omsorg på romani men har i dag mycket få medarbetare som talar språket. Syftet är att bygga "
            "förtroende och anpassa äldreomsorgen efter romska äldres önskemål. {detail}"
        ),
        "activities": (
            "En romsk samordnare hjälper äldre att starta en pensionärsgrupp som träffas varje vecka med samtal, "
            "musik och friskvård. Gruppen bjuder in biståndshandläggare och hemtjänstens personal så att de äldre "
            "får veta vilket stöd som finns. Personalen inom äldreomsorgen får två utbildningstillfällen om romsk "
            "kultur och historia, och kommunen undersöker hur fler medarbetare med kunskaper i romani kan "
            "rekryteras."
        ),
        "roma_participation": (
            "Pensionärsgruppen bestämmer själv sitt program och väljer företrädare som träffar förvaltningens "
            "ledning två gånger om året. Samordnaren har romsk bakgrund, och {forening} hjälper gruppen att bilda "
            "en egen förening."
        ),
        "long_term_effects": (
            "Målet är att pensionärsgruppen blir en självständig förening som kan söka föreningsbidrag och "
            "fortsätta samarbetet med kommunen. Utbildningen för personalen tas in i äldreomsorgens "
            "kompetensplan."
        ),
        "target_group_description": (
            "Romska äldre över 60 år, omkring {aldre} personer, de flesta kvinnor, och deras anhöriga. Personal "
            "inom hemtjänst och särskilt boende deltar i utbildningen."
        ),
        "budget": [
            ("personnel", "Romsk samordnare, halvtid", 0.55),
            ("events", "Veckoträffar och friskvård", 0.15),
            ("external_services", "Utbildning för omsorgspersonal", 0.15),
            ("premises", "Lokal för pensionärsgruppen", 0.10),
            ("travel", "Resor till och från träffarna", 0.05),
        ],
        "co_actors": [("{forening}", "Hjälper pensionärsgruppen att bilda en egen förening")],
    },
    "halsa": {
        "areas": ["halsa", "social-omsorg-trygghet"],
        "target_groups": ["women", "elderly", "children_youth"],
        "defaults": {"inspiratorer": "fyra", "deltagare": 120, "region": "Regionens primärvård"},
        "title": "Romska hälsoinspiratörer i {ort}",
        "summary": (
            "{org} utbildar {inspiratorer} hälsoinspiratörer med romsk bakgrund som sprider kunskap om hälsa, "
            "egenvård och vården i sina nätverk. Arbetet görs tillsammans med primärvården och riktar sig "
            "särskilt till kvinnor och äldre."
        ),
        "purpose": (
            "Studier om de nationella minoriteternas hälsa och samtal med romska invånare visar på stora behov "
            "när det gäller bland annat diabetes, hjärt- och kärlsjukdom och psykisk ohälsa, samtidigt som många "
            "söker vård sent. Den information som finns når inte fram. Syftet är att öka kunskapen om hälsa och "
            "om hur vården fungerar och att minska avståndet mellan romska familjer och vården. {detail}"
        ),
        "activities": (
            "Hälsoinspiratörerna går en utbildning på tio tillfällen om kost, rörelse, psykisk hälsa, vaccinationer "
            "och hur vården är organiserad. Därefter håller de hälsoträffar i hemmiljö och i föreningslokaler, "
            "följer med till vårdcentralen vid behov och samlar frågor som vården behöver svara på. Primärvårdens "
            "personal medverkar vid fyra öppna hälsokvällar. Inspiratörerna får handledning av en "
            "folkhälsosamordnare varje månad."
        ),
        "roma_participation": (
            "Hälsoinspiratörerna rekryteras bland romer i kommunen i samråd med {forening}, och de väljer själva "
            "vilka teman som prioriteras vid träffarna."
        ),
        "long_term_effects": (
            "Inspiratörerna behåller sin kunskap och sina kontakter, och kommunen och regionen har kommit överens "
            "om att fortsätta med hälsokvällarna inom det ordinarie folkhälsoarbetet. Utbildningen kan återanvändas "
            "för nya inspiratörer."
        ),
        "target_group_description": (
            "Romska kvinnor och äldre och deras familjer, omkring {deltagare} personer som nås genom träffar och "
            "hälsokvällar."
        ),
        "budget": [
            ("personnel", "Arvoden till hälsoinspiratörer", 0.50),
            ("external_services", "Utbildning av hälsoinspiratörer", 0.20),
            ("personnel", "Folkhälsosamordnare, handledning", 0.12),
            ("events", "Hälsoträffar och hälsokvällar", 0.12),
            ("materials", "Informationsmaterial på romani och lättläst svenska", 0.06),
        ],
        "co_actors": [
            ("{forening}", "Hjälper till att rekrytera hälsoinspiratörer och lånar ut lokal till träffar"),
            ("{region}", "Medverkar i utbildningen och vid hälsokvällarna"),
        ],
    },
    "arbete": {
        "areas": ["arbete", "utbildning"],
        "target_groups": ["women", "socially_vulnerable"],
        "defaults": {"deltagare": 40, "tjanst": "en arbetsmarknadskonsulent"},
        "title": "Vägar till arbete och utbildning för romer i {ort}",
        "summary": (
            "{org} erbjuder romska kvinnor och män individuell vägledning till arbete och utbildning, med "
            "särskild inriktning på vård- och omsorgsyrken. Arbetet görs tillsammans med vuxenutbildningen och "
            "Arbetsförmedlingen, och information tas fram på romani."
        ),
        "purpose": (
            "Enligt kommunens arbetsmarknadsenhet och romska föreningar står många romer i {ort} utan arbete, och "
            "många saknar fullständig grundskole- eller gymnasieutbildning. Samtidigt har vård och omsorg ett "
            "stort rekryteringsbehov, och tidigare informationsinsatser har inte nått gruppen. Syftet är att ta "
            "reda på vilka hinder som finns, anpassa information och vägledning och hjälpa fler att börja studera "
            "eller få arbete. {detail}"
        ),
        "activities": (
            "{tjanst_cap} och en romsk vägledare träffar deltagarna enskilt och i grupp, går igenom tidigare "
            "erfarenheter och gör en plan för varje person. Tillsammans med vuxenutbildningen ordnas studiebesök "
            "och provlektioner inom vård och omsorg. Korta filmer på romani om vägar till utbildning och arbete "
            "tas fram och sprids i sociala medier. Halvvägs görs en intervjustudie om de hinder deltagarna möter, "
            "och resultatet används för att justera arbetet."
        ),
        "roma_participation": (
            "Den romska vägledaren och {forening} har varit med och utformat insatsen. Deltagarna intervjuas om "
            "sina erfarenheter, och deras synpunkter styr hur informationen utformas."
        ),
        "long_term_effects": (
            "Kommunen lär sig hur vägledning och information kan anpassas, och filmerna kan användas även efter "
            "projekttiden. Samarbetet med vuxenutbildningen och Arbetsförmedlingen skrivs in i en gemensam rutin."
        ),
        "target_group_description": (
            "Romska kvinnor och män 18–64 år som saknar arbete, omkring {deltagare} deltagare, varav minst hälften "
            "kvinnor."
        ),
        "budget": [
            ("personnel", "Vägledare, varav en med romsk bakgrund, del av tjänst", 0.65),
            ("external_services", "Produktion av filmer på romani", 0.15),
            ("events", "Studiebesök och gruppträffar", 0.08),
            ("external_services", "Intervjustudie", 0.07),
            ("materials", "Informationsmaterial", 0.05),
        ],
        "co_actors": [
            ("{forening}", "Har deltagit i planeringen och sprider information om insatsen"),
            ("Arbetsförmedlingen", "Samverkar kring deltagarnas planer och praktikplatser"),
        ],
    },
    "bostad": {
        "areas": ["bostad", "social-omsorg-trygghet"],
        "target_groups": ["socially_vulnerable", "children_youth", "women"],
        "defaults": {"hushall": 30, "bolag": "det allmännyttiga bostadsbolaget"},
        "title": "Tryggt boende – bostadsvägledning för romska familjer i {ort}",
        "summary": (
            "{org} erbjuder romska familjer vägledning i bostadsfrågor tillsammans med {bolag}. Målet är att färre "
            "familjer ska förlora sitt boende och att fler ska kunna ställa sig i bostadskö och få ett eget "
            "förstahandskontrakt."
        ),
        "purpose": (
            "Flera romska familjer i {ort} bor trångt, i andra hand eller med korta kontrakt, vilket påverkar "
            "barnens skolgång och familjernas hälsa. Hyresskulder och missförstånd i kontakten med hyresvärdar "
            "leder ibland till uppsägningar. Syftet är att förebygga vräkningar och öka familjernas möjligheter "
            "till ett stabilt boende. {detail}"
        ),
        "activities": (
            "En bostadsvägledare med romsk bakgrund arbetar tillsammans med kommunens budget- och "
            "skuldrådgivning och med {bolag}. Vägledaren informerar om bostadskö, hyresregler och stöd vid "
            "betalningsproblem, hjälper till med ansökningar och följer med vid möten. Hyresvärdens personal får "
            "en utbildning om romsk inkludering och antiziganism. Tillsammans tas en rutin fram för att kommunen "
            "ska kontaktas tidigt, innan en uppsägning blir aktuell."
        ),
        "roma_participation": (
            "Insatsen bygger på förslag från kommunens samråd med romska invånare. {forening} ingår i styrgruppen "
            "och hjälper till att sprida information om vägledningen."
        ),
        "long_term_effects": (
            "Rutinen för tidig kontakt mellan kommun och hyresvärd blir permanent. Hyresvärdens personal har fått "
            "kunskap som påverkar bemötandet även efter projektet, och kommunen prövar om vägledningen kan ingå i "
            "den ordinarie budget- och skuldrådgivningen."
        ),
        "target_group_description": (
            "Romska hushåll med osäkert boende, omkring {hushall} hushåll, de flesta barnfamiljer. Personal hos "
            "hyresvärden deltar i utbildningen."
        ),
        "budget": [
            ("personnel", "Bostadsvägledare, del av tjänst", 0.72),
            ("external_services", "Utbildning för hyresvärdens personal", 0.10),
            ("materials", "Informationsmaterial och översättning", 0.08),
            ("events", "Informationsträffar", 0.06),
            ("travel", "Resor vid hembesök", 0.04),
        ],
        "co_actors": [
            ("{forening}", "Ingår i styrgruppen och sprider information"),
            ("{bolag_namn}", "Tar fram rutinen för tidig kontakt och deltar i utbildningen"),
        ],
    },
    "civilsamhalle": {
        "areas": ["civilsamhallets-organisering", "kultur-sprak"],
        "target_groups": ["others", "municipal_staff", "children_youth"],
        "target_groups_other": "Romska föreningar och det övriga föreningslivet i kommunen",
        "defaults": {"traffar": "sex"},
        "title": "Romskt samråd och föreningsutveckling i {ort}",
        "summary": (
            "{org} bygger långsiktiga former för romsk delaktighet: ett regelbundet samråd med romska invånare, "
            "stöd till romska föreningar och en studie av hur kommunens service når den romska minoriteten. "
            "Arbetet avslutas med en konferens om romska barns rättigheter."
        ),
        "purpose": (
            "Kommunen ska ge de nationella minoriteterna möjlighet till inflytande, men det saknas i dag "
            "fungerande former för samråd med romer. Romska invånare har få egna föreningar och svag kontakt med "
            "både förvaltningarna och det övriga föreningslivet. Syftet är att skapa strukturer för delaktighet "
            "som håller över tid och att öka kunskapen om romers situation i kommunens organisation. {detail}"
        ),
        "activities": (
            "Under projekttiden hålls {traffar} samrådsmöten där romska invånare möter tjänstepersoner och "
            "förtroendevalda. En föreningskonsulent stöttar romer som vill bilda eller utveckla en förening, med "
            "stadgar, ekonomi och ansökningar. En extern utredare undersöker hur tillgängliga kommunens tjänster "
            "är för romer och föreslår förbättringar. Resultaten presenteras vid en öppen konferens om barns "
            "rättigheter enligt barnkonventionen och minoritetslagen."
        ),
        "roma_participation": (
            "Samrådets dagordning bestäms tillsammans med de romska deltagarna, och {forening} är medarrangör av "
            "konferensen. Romska invånare intervjuas i studien och får ta del av resultaten innan de publiceras."
        ),
        "long_term_effects": (
            "Samrådet blir en stående del av kommunens minoritetsarbete med en egen budget. Föreningar som bildas "
            "kan söka kommunalt föreningsbidrag, och studiens förslag tas in i kommunens program för nationella "
            "minoriteter."
        ),
        "target_group_description": (
            "Romska invånare och föreningar i kommunen, unga såväl som äldre, samt tjänstepersoner och "
            "förtroendevalda som deltar i samråd och konferens."
        ),
        "budget": [
            ("personnel", "Samordnare, del av tjänst", 0.35),
            ("external_services", "Extern utredare", 0.25),
            ("events", "Samrådsmöten och konferens", 0.22),
            ("external_services", "Föreningskonsulent", 0.10),
            ("materials", "Dokumentation och tryck", 0.08),
        ],
        "co_actors": [("{forening}", "Medarrangör av konferensen och deltar i samråden")],
    },
}

# --- The spring 2024 round --------------------------------------------------------------------
# submitted: (month, day, hour, minute) in 2024, Stockholm time. flaw: what the automatic
# screening is meant to catch ("budget_short": a budget line is missing, "budget_over": the
# lines add up to more than requested, "period": the work ends after the call's last date).
APPLICATIONS: list[dict[str, Any]] = [
    {
        "n": 1,
        "code": "0180",
        "administration": "Kulturförvaltningen",
        "archetype": "lasambassad",
        "amount": 780_000,
        "minimum": 520_000,
        "own": 150_000,
        "period": ("2024-08-01", "2025-06-30"),
        "submitted": (4, 12, 14, 5),
        "contact": "Anna Andersson",
        "association": "Romska kvinnonätverket i Stockholm",
        "orgnr": "802526-0186",
        "vars": {"ambassadorer": "fyra", "bibliotek": "tre", "barn": 120, "tjanst": "fyra läsambassadörer på deltid"},
        "detail": "Stadsbiblioteket samarbetar redan med stadens romska brobyggare, och insatsen bygger vidare på det.",
    },
    {
        "n": 2,
        "code": "0180",
        "administration": "Socialförvaltningen",
        "archetype": "kompetens",
        "amount": 1_250_000,
        "minimum": 900_000,
        "own": 300_000,
        "period": ("2024-09-01", "2025-06-30"),
        "submitted": (4, 15, 16, 40),
        "contact": "Mats Forsberg",
        "association": "Föreningen Romani Kultura",
        "orgnr": "",
        "vars": {
            "personal": 900,
            "tillfallen": 24,
            "yrken": "socialsekreterare, biståndshandläggare och chefer inom socialtjänsten i stadsdelarna",
        },
        "detail": "Utbildningen utgår från stadens tidigare material om bemötande och anpassas till socialtjänstens "
        "alla verksamheter.",
    },
    {
        "n": 3,
        "code": "1480",
        "administration": "Grundskoleförvaltningen",
        "archetype": "brobyggare-skola",
        "amount": 1_480_000,
        "minimum": 1_100_000,
        "period": ("2024-08-01", "2025-06-30"),
        "submitted": (3, 28, 11, 20),
        "contact": "Erik Eriksson",
        "association": "Romska föreningen Drom i Göteborg",
        "orgnr": "802159-0834",
        "vars": {"brobyggare": "tre", "skolor": "nio", "elever": 160, "tjanst": "tre brobyggare på heltid"},
        "detail": "Staden har haft romska brobyggare på några skolor i flera år; nu vill förvaltningen nå en ny del "
        "av staden där behoven redan har kartlagts.",
    },
    {
        "n": 4,
        "code": "1480",
        "administration": "Arbetsmarknads- och vuxenutbildningsförvaltningen",
        "archetype": "arbete",
        "amount": 690_000,
        "own": 80_000,
        "period": ("2024-09-01", "2025-06-30"),
        "submitted": (4, 9, 15, 2),
        "contact": "Nadia Karlsson",
        "association": "Romska ungdomsföreningen Terne",
        "orgnr": "",
        "vars": {"deltagare": 60, "tjanst": "en studie- och yrkesvägledare"},
        "detail": "Förvaltningen vill särskilt förstå varför så få unga romer söker sig till utbildningar inom vård "
        "och omsorg.",
    },
    {
        "n": 5,
        "code": "1280",
        "administration": "Kulturförvaltningen",
        "archetype": "romani-material",
        "amount": 560_000,
        "minimum": 400_000,
        "period": ("2024-08-15", "2025-06-15"),
        "submitted": (4, 3, 10, 45),
        "contact": "Sara Svensson",
        "association": "Kulturföreningen Lungo Drom",
        "orgnr": "802016-6131",
        "vars": {"titlar": "åtta", "familjer": 50, "varieteter": "arli, lovari och kalderash"},
        "detail": "Arbetet görs tillsammans med stadsbibliotekets barnavdelning, som redan har en liten samling på "
        "romani.",
    },
    {
        "n": 6,
        "code": "1280",
        "administration": "Hälsa-, vård- och omsorgsförvaltningen",
        "archetype": "halsa",
        "amount": 430_000,
        "own": 60_000,
        "other": (50_000, "Regionens folkhälsomedel"),
        "period": ("2024-09-01", "2025-06-30"),
        "submitted": (4, 15, 20, 17),
        "contact": "Johanna Persson",
        "association": "Romska kvinnonätverket i Malmö",
        "orgnr": "802186-0914",
        "vars": {"inspiratorer": "fem", "deltagare": 150, "region": "Region Skåne, primärvården"},
        "detail": "Idén kommer från romska kvinnor som deltog i stadens dialogmöten om hälsa under 2023.",
    },
    {
        "n": 7,
        "code": "1283",
        "administration": "Socialförvaltningen",
        "archetype": "skolstart",
        "amount": 520_000,
        "minimum": 380_000,
        "period": ("2024-08-01", "2025-06-30"),
        "submitted": (3, 6, 13, 30),
        "contact": "Maja Lindgren",
        "association": "Romska föräldraföreningen i Helsingborg",
        "orgnr": "",
        "vars": {"barn": 30, "grupper": "tre", "veckor": 32},
        "detail": "Förvaltningen har prövat arbetssättet i liten skala och ser att de barn som deltog har högre "
        "närvaro.",
    },
    {
        "n": 8,
        "code": "1283",
        "administration": "Arbetsmarknadsförvaltningen",
        "archetype": "kompetens",
        "amount": 240_000,
        "period": ("2024-09-01", "2025-03-31"),
        "submitted": (3, 20, 9, 55),
        "contact": "Jonas Wallin",
        "association": "Romska rådet i Helsingborg",
        "orgnr": "802390-9966",
        "vars": {
            "personal": 180,
            "tillfallen": 6,
            "yrken": "arbetsmarknadskonsulenter, handläggare av ekonomiskt bistånd och chefer",
        },
        "detail": "En del av utbildningen ges digitalt så att medarbetarna kan delta när det passar verksamheten.",
    },
    {
        "n": 9,
        "code": "0136",
        "administration": "Socialförvaltningen",
        "archetype": "aldre",
        "amount": 370_000,
        "minimum": 250_000,
        "period": ("2024-08-01", "2025-06-30"),
        "submitted": (4, 10, 11, 8),
        "contact": "Birgitta Åberg",
        "association": "Romska pensionärsföreningen Phure",
        "orgnr": "",
        "vars": {"aldre": 25},
        "detail": "Flera äldre romska kvinnor har själva önskat en egen mötesplats och möjlighet att påverka "
        "äldreomsorgen.",
    },
    {
        "n": 10,
        "code": "0136",
        "administration": "Kultur- och fritidsförvaltningen",
        "archetype": "romani-material",
        "amount": 310_000,
        "own": 40_000,
        "period": ("2024-09-01", "2025-06-30"),
        "submitted": (4, 15, 18, 12),
        "contact": "Emma Sjöberg",
        "association": "Romska föräldranätverket i Haninge",
        "orgnr": "",
        "vars": {"titlar": "fyra", "familjer": 30, "varieteter": "kalderash och lovari"},
        "detail": "Materialet blir en del av det romska föräldranätverk som kommunen startade under 2023.",
    },
    {
        "n": 11,
        "code": "0581",
        "administration": "Utbildningskontoret",
        "archetype": "skolstart",
        "amount": 640_000,
        "minimum": 450_000,
        "period": ("2024-08-01", "2025-06-30"),
        "submitted": (4, 15, 22, 31),
        "contact": "Lena Lind",
        "association": "Romska föreningen Baxtalo Drom",
        "orgnr": "802030-8246",
        "vars": {"barn": 40, "grupper": "fyra", "veckor": 34},
        "detail": "Läxhjälpen ges i samma lokaler som kommunens romska resurscentrum, där familjerna redan känner "
        "sig hemma.",
    },
    {
        "n": 12,
        "code": "0581",
        "administration": "Socialkontoret",
        "archetype": "kvinnor",
        "amount": 820_000,
        "minimum": 600_000,
        "own": 120_000,
        "period": ("2024-07-01", "2025-06-30"),
        "submitted": (3, 25, 14, 0),
        "contact": "Fredrik Holm",
        "association": "Romska kvinnoföreningen i Norrköping",
        "orgnr": "802628-1942",
        "vars": {"kvinnor": 70, "tjanst": "två brobyggare på halvtid", "ledare": "två kvinnliga brobyggare"},
        "detail": "Stödet ges i anslutning till det romska resurscentrum som kommunen öppnade 2023 och dit många "
        "kvinnor redan söker sig.",
    },
    {
        "n": 13,
        "code": "0580",
        "administration": "Utbildningsförvaltningen",
        "archetype": "brobyggare-skola",
        "amount": 720_000,
        "minimum": 500_000,
        "period": ("2024-08-01", "2025-06-30"),
        "submitted": (3, 12, 10, 15),
        "contact": "Karin Berg",
        "association": "Romska föreningen i Linköping",
        "orgnr": "",
        "vars": {"brobyggare": "två", "skolor": "fem", "elever": 75, "tjanst": "två brobyggare på heltid"},
        "detail": "Tyngdpunkten ligger på övergången från mellanstadiet till högstadiet, där frånvaron ökar mest.",
    },
    {
        "n": 14,
        "code": "0380",
        "administration": "Kulturförvaltningen",
        "archetype": "lasambassad",
        "amount": 460_000,
        "own": 90_000,
        "period": ("2024-09-01", "2025-06-30"),
        "submitted": (4, 2, 13, 50),
        "contact": "Elin Nordin",
        "association": "Romska kulturföreningen i Uppsala",
        "orgnr": "802821-9932",
        "vars": {"ambassadorer": "två", "bibliotek": "två", "barn": 60, "tjanst": "två läsambassadörer på deltid"},
        "detail": "Insatsen svarar på en fråga som tagits upp flera gånger i kommunens samråd med romer: att det "
        "finns för få barnböcker på romani.",
    },
    {
        "n": 15,
        "code": "1980",
        "administration": "Individ- och familjeförvaltningen",
        "archetype": "brobyggare-social",
        "amount": 590_000,
        "minimum": 420_000,
        "period": ("2024-08-01", "2025-06-30"),
        "submitted": (4, 8, 9, 12),
        "contact": "Henrik Lundqvist",
        "association": "Föreningen Phralipe i Västerås",
        "orgnr": "",
        "vars": {"omraden": "tre stadsdelar", "hushall": 50},
        "detail": "Förvaltningen ser att många romska familjer får kontakt med socialtjänsten först när situationen "
        "redan har blivit akut.",
    },
    {
        "n": 16,
        "code": "1880",
        "administration": "Förvaltningen för social välfärd",
        "archetype": "bostad",
        "amount": 540_000,
        "minimum": 380_000,
        "period": ("2024-09-01", "2025-06-30"),
        "submitted": (3, 18, 15, 40),
        "contact": "Sofia Ekström",
        "association": "Romska rådet i Örebro",
        "orgnr": "802518-1903",
        "vars": {"hushall": 35, "bolag_namn": "Det allmännyttiga bostadsbolaget i Örebro"},
        "detail": "Under 2023 sades flera romska barnfamiljer upp från sina lägenheter, vilket visade att "
        "samarbetet mellan kommunen och hyresvärden behöver bli bättre.",
    },
    {
        "n": 17,
        "code": "0484",
        "administration": "Barn- och utbildningsförvaltningen",
        "archetype": "brobyggare-skola",
        "amount": 680_000,
        "own": 100_000,
        "period": ("2024-08-15", "2025-06-15"),
        "submitted": (4, 11, 14, 25),
        "contact": "Anders Nyberg",
        "association": "Romska föreningen Kham i Eskilstuna",
        "orgnr": "",
        "vars": {
            "brobyggare": "två",
            "skolor": "sex",
            "elever": 90,
            "tjanst": "två brobyggare, varav en med inriktning mot förskolan",
        },
        "detail": "En av brobyggarna ska också arbeta mot förskolan, så att fler romska barn börjar där tidigt.",
    },
    {
        "n": 18,
        "code": "0181",
        "administration": "Äldreomsorgsförvaltningen",
        "archetype": "aldre",
        "amount": 290_000,
        "period": ("2024-09-01", "2025-06-30"),
        "submitted": (3, 29, 10, 5),
        "contact": "Gunilla Rask",
        "association": "Romska pensionärsföreningen i Södertälje",
        "orgnr": "802937-8653",
        "vars": {"aldre": 20},
        "detail": "Kommunen vill också pröva att ha en romsk kontaktperson inom hemtjänsten.",
    },
    {
        "n": 19,
        "code": "0127",
        "administration": "Kultur- och fritidsförvaltningen",
        "archetype": "motesplats-unga",
        "amount": 480_000,
        "minimum": 330_000,
        "period": ("2024-08-15", "2025-06-30"),
        "submitted": (4, 5, 16, 20),
        "contact": "Samira Yousef",
        "association": "Ungdomsföreningen Nevo Drom",
        "orgnr": "802797-5435",
        "vars": {"kvallar": "två kvällar", "unga": 45, "alder": "13–25"},
        "detail": "Ungdomarna har själva föreslagit att mötesplatsen ska ha en studio för musik och poddinspelning.",
    },
    {
        "n": 20,
        "code": "0191",
        "administration": "Kommunledningsförvaltningen",
        "archetype": "behovsinventering",
        "amount": 350_000,
        "minimum": 240_000,
        "period": ("2024-08-01", "2025-05-31"),
        "submitted": (3, 15, 11, 10),
        "contact": "Peter Blom",
        "association": "Romska föreningen i Sigtuna",
        "orgnr": "",
        "vars": {"samtal": 50, "manader": "tio"},
        "detail": "Inventeringen kombineras med uppsökande kulturaktiviteter på kommunens mötesplatser för att få "
        "kontakt med romska invånare.",
    },
    {
        "n": 21,
        "code": "0126",
        "administration": "Kommunstyrelsens förvaltning",
        "archetype": "behovsinventering",
        "amount": 420_000,
        "period": ("2024-08-01", "2025-06-30"),
        "flaw": "budget_short",
        "submitted": (4, 15, 21, 44),
        "contact": "Cecilia Hedlund",
        "association": "Romska kulturföreningen i Huddinge",
        "orgnr": "802231-9480",
        "vars": {"samtal": 70, "manader": "elva"},
        "detail": "Parallellt utbildas förtroendevalda och chefer, så att resultatet tas emot av en organisation som "
        "är beredd att agera.",
    },
    {
        "n": 22,
        "code": "1490",
        "administration": "Individ- och familjeomsorgsförvaltningen",
        "archetype": "kvinnor",
        "amount": 610_000,
        "minimum": 450_000,
        "own": 70_000,
        "period": ("2024-08-01", "2025-06-30"),
        "submitted": (4, 4, 10, 30),
        "contact": "Helena Dahl",
        "association": "Romska kvinnoföreningen i Borås",
        "orgnr": "",
        "vars": {"kvinnor": 40, "tjanst": "en kvinnlig brobyggare på heltid"},
        "detail": "Kommunen har tidigare haft en manlig brobyggare och har sett att många kvinnor inte sökte sig "
        "till honom.",
    },
    {
        "n": 23,
        "code": "1488",
        "administration": "Kultur- och fritidsförvaltningen",
        "archetype": "motesplats-unga",
        "amount": 390_000,
        "period": ("2024-09-01", "2025-06-30"),
        "submitted": (3, 21, 13, 45),
        "contact": "Linnea Strand",
        "association": "Romska föreningen i Trollhättan",
        "orgnr": "802757-4915",
        "vars": {"kvallar": "en kväll", "unga": 30, "alder": "12–20"},
        "detail": "Mötesplatsen kompletteras med öppna föreläsningar om antiziganism för allmänheten.",
    },
    {
        "n": 24,
        "code": "1281",
        "administration": "Kultur- och fritidsförvaltningen",
        "archetype": "kulturdagar",
        "amount": 210_000,
        "own": 50_000,
        "period": ("2024-10-01", "2025-05-31"),
        "submitted": (3, 8, 14, 10),
        "contact": "Viktor Ahlberg",
        "association": "Romska kulturföreningen i Skåne",
        "orgnr": "",
        "vars": {"besokare": 800},
        "detail": "Arrangemangen läggs på stadsbiblioteket och i en av stadens konsertlokaler för att nå en bred "
        "publik.",
    },
    {
        "n": 25,
        "code": "1285",
        "administration": "Kultur- och fritidsförvaltningen",
        "archetype": "kulturdagar",
        "amount": 95_000,
        "period": ("2024-09-01", "2025-04-30"),
        "submitted": (4, 15, 19, 3),
        "contact": "Ida Mårtensson",
        "association": "Romska föreningen i Eslöv",
        "orgnr": "",
        "vars": {
            "besokare": 300,
            "program": "en kväll med romsk livemusik i kulturhuset och en familjedag med dans och "
            "musikworkshoppar för barn",
        },
        "detail": "Kommunen har inte tidigare ordnat något arrangemang med romsk kultur.",
    },
    {
        "n": 26,
        "code": "0480",
        "administration": "Kommunstyrelseförvaltningen",
        "archetype": "behovsinventering",
        "amount": 330_000,
        "period": ("2024-09-01", "2025-12-31"),
        "flaw": "period",
        "submitted": (4, 15, 23, 20),
        "contact": "Maria Öhman",
        "association": "Romska föreningen i Nyköping",
        "orgnr": "802760-1890",
        "vars": {"samtal": 40, "manader": "sexton"},
        "detail": "Kommunen vill att inventeringen ska pågå under två skolår för att hinna nå även familjer som "
        "flyttar under året.",
    },
    {
        "n": 27,
        "code": "2180",
        "administration": "Socialförvaltningen",
        "archetype": "kvinnor",
        "amount": 480_000,
        "minimum": 350_000,
        "period": ("2024-08-01", "2025-06-30"),
        "submitted": (3, 27, 15, 15),
        "contact": "Therese Molin",
        "association": "Romska kvinnonätverket i Gävleborg",
        "orgnr": "",
        "vars": {"kvinnor": 35},
        "detail": "Träffpunkten ska ligga i en lokal som kvinnorna själva har föreslagit, nära skola och vårdcentral.",
    },
    {
        "n": 28,
        "code": "2281",
        "administration": "Socialtjänsten",
        "archetype": "brobyggare-social",
        "amount": 560_000,
        "own": 90_000,
        "period": ("2024-08-01", "2025-06-30"),
        "submitted": (3, 14, 13, 5),
        "contact": "Jens Sandberg",
        "association": "Romska föreningen i Sundsvall",
        "orgnr": "802555-9793",
        "vars": {"omraden": "fyra utvalda kommundelar", "hushall": 45},
        "detail": "Brobyggaren ingår i ett team med andra brobyggare och processledare i de kommundelar där en "
        "tidigare kartläggning visat störst behov.",
    },
    {
        "n": 29,
        "code": "2482",
        "administration": "Kommunledningskontoret",
        "archetype": "civilsamhalle",
        "amount": 380_000,
        "minimum": 260_000,
        "period": ("2024-09-01", "2025-06-30"),
        "submitted": (4, 12, 9, 40),
        "contact": "Malin Forsgren",
        "association": "Romska föreningen i Västerbotten",
        "orgnr": "",
        "vars": {"traffar": "fem"},
        "detail": "Konferensen ska särskilt lyfta romska barns och ungas egna erfarenheter av sina rättigheter.",
    },
    {
        "n": 30,
        "code": "2580",
        "administration": "Kulturförvaltningen",
        "archetype": "lasambassad",
        "amount": 260_000,
        "period": ("2024-09-01", "2025-06-30"),
        "submitted": (3, 19, 14, 30),
        "contact": "Tove Lindholm",
        "association": "Romska föreningen i Norrbotten",
        "orgnr": "",
        "vars": {"ambassadorer": "två", "bibliotek": "ett", "barn": 35, "tjanst": "två läsambassadörer på deltid"},
        "detail": "Läsambassadörerna ska också besöka de förskolor där romska barn går och dela med sig av lästips.",
    },
    {
        "n": 31,
        "code": "2480",
        "administration": "Fritidsförvaltningen",
        "archetype": "motesplats-unga",
        "amount": 340_000,
        "own": 60_000,
        "period": ("2024-08-15", "2025-06-30"),
        "submitted": (4, 15, 20, 52),
        "contact": "Daniel Berglund",
        "association": "Romska ungdomsnätverket i Umeå",
        "orgnr": "",
        "vars": {"kvallar": "två kvällar", "unga": 25, "alder": "13–20"},
        "detail": "Verksamheten samordnas med kommunens arbete för unga som varken arbetar eller studerar.",
    },
    {
        "n": 32,
        "code": "2183",
        "administration": "Kommunledningsförvaltningen",
        "archetype": "civilsamhalle",
        "amount": 300_000,
        "minimum": 200_000,
        "period": ("2024-08-01", "2025-06-30"),
        "submitted": (3, 26, 11, 0),
        "contact": "Anneli Hägg",
        "association": "Romska föreningen i Hälsingland",
        "orgnr": "",
        "vars": {"traffar": "sex"},
        "detail": "Kommunen vill engagera föreningslivet, näringslivet och skolan i arbetet och skapa mötesplatser "
        "där de kan knyta kontakter med romska invånare.",
    },
    {
        "n": 33,
        "code": "2184",
        "administration": "Kommunledningsförvaltningen",
        "archetype": "behovsinventering",
        "amount": 260_000,
        "period": ("2024-09-01", "2025-06-30"),
        "submitted": (4, 9, 13, 10),
        "contact": "Göran Lindberg",
        "association": "Romska föreningen i Hälsingland",
        "orgnr": "",
        "vars": {"samtal": 35, "manader": "nio"},
        "detail": "Inventeringen görs genom uppsökande arbete, eftersom kommunen i dag har mycket liten kontakt med "
        "romska invånare.",
    },
    {
        "n": 34,
        "code": "1861",
        "administration": "Socialförvaltningen",
        "archetype": "brobyggare-social",
        "amount": 450_000,
        "minimum": 320_000,
        "period": ("2024-08-01", "2025-06-30"),
        "submitted": (4, 15, 18, 40),
        "contact": "Eva Lindahl",
        "association": "Romska föreningen i Örebro län",
        "orgnr": "",
        "vars": {"omraden": "kommunens tätorter", "hushall": 25},
        "detail": "Brobyggaren ska stödja både tjänstepersoner och romska barn och vuxna, så att fler känner sig "
        "delaktiga i kommunen.",
    },
    {
        "n": 35,
        "code": "0680",
        "administration": "Utbildningsförvaltningen",
        "archetype": "skolstart",
        "amount": 550_000,
        "own": 80_000,
        "period": ("2024-08-01", "2025-06-30"),
        "submitted": (4, 15, 23, 5),
        "contact": "Rebecka Holm",
        "association": "Romska föräldranätverket i Jönköping",
        "orgnr": "",
        "vars": {"barn": 28, "grupper": "två", "veckor": 30},
        "detail": "Sommaren före skolstarten ordnas också en intensivvecka för de barn som ska börja förskoleklass.",
    },
    {
        "n": 36,
        "code": "2181",
        "administration": "Socialförvaltningen",
        "archetype": "halsa",
        "amount": 280_000,
        "minimum": 200_000,
        "period": ("2024-09-01", "2025-06-30"),
        "submitted": (3, 22, 10, 40),
        "contact": "Pia Wikström",
        "association": "Romska kvinnonätverket i Gävleborg",
        "orgnr": "",
        "vars": {"inspiratorer": "tre", "deltagare": 80, "region": "Region Gävleborg, primärvården"},
        "detail": "Kommunen har goda erfarenheter av hälsoinspiratörer från arbetet med andra grupper och vill nu "
        "anpassa arbetssättet tillsammans med romer.",
    },
    {
        "n": 37,
        "code": "2584",
        "administration": "Arbetsmarknadsförvaltningen",
        "archetype": "arbete",
        "amount": 310_000,
        "period": ("2024-09-01", "2025-06-30"),
        "flaw": "budget_over",
        "submitted": (4, 15, 17, 25),
        "contact": "Lars Niemi",
        "association": "Romska föreningen i Norrbotten",
        "orgnr": "",
        "vars": {"deltagare": 20},
        "detail": "Samhällsomvandlingen i Kiruna ger många nya jobb, och kommunen vill att romska invånare ska "
        "kunna ta del av dem.",
    },
    {
        "n": 38,
        "code": "1481",
        "administration": "Förskole- och grundskoleförvaltningen",
        "archetype": "kompetens",
        "amount": 180_000,
        "period": ("2024-08-01", "2025-06-30"),
        "submitted": (3, 11, 15, 20),
        "contact": "Louise Bergqvist",
        "association": "Romska föreningen Drom i Göteborg",
        "orgnr": "802159-0834",
        "vars": {
            "personal": 140,
            "tillfallen": 5,
            "yrken": "modersmålslärare, språkutvecklare, pedagoger i öppen förskola, lärare i svenska som "
            "andraspråk och rektorer",
        },
        "detail": "Deltagarna ska sedan sprida kunskapen i sina nätverk, så att den når alla förskolor och skolor.",
    },
    {
        "n": 39,
        "code": "1282",
        "administration": "Individ- och familjeförvaltningen",
        "archetype": "bostad",
        "amount": 420_000,
        "minimum": 300_000,
        "own": 50_000,
        "period": ("2024-08-01", "2025-06-30"),
        "submitted": (4, 14, 21, 15),
        "contact": "Nils Persson",
        "association": "Romska rådet i Landskrona",
        "orgnr": "",
        "vars": {"hushall": 25, "bolag_namn": "Det allmännyttiga bostadsbolaget i Landskrona"},
        "detail": "Trångboddhet är enligt skolorna ett av de största hindren för barnens skolarbete.",
    },
    {
        "n": 40,
        "code": "2523",
        "administration": "Socialförvaltningen",
        "archetype": "aldre",
        "amount": 160_000,
        "period": ("2024-09-01", "2025-06-30"),
        "submitted": (4, 10, 14, 0),
        "contact": "Kerstin Pekkari",
        "association": "Romska föreningen i Norrbotten",
        "orgnr": "",
        "vars": {"aldre": 12},
        "detail": "Gruppen är liten, och därför samarbetar kommunen med grannkommunerna om utbildningen för "
        "personalen.",
    },
]

# A complete application from Malmö that is sent three minutes too late (the log shows the refusal).
LATE_ATTEMPT: dict[str, Any] = {
    "n": "late-malmo",
    "code": "1280",
    "administration": "Fritidsförvaltningen",
    "archetype": "motesplats-unga",
    "amount": 350_000,
    "period": ("2024-08-15", "2025-06-30"),
    "started": (4, 15, 20, 10),
    "attempted": (4, 16, 0, 3),
    "contact": "Sara Svensson",
    "association": "Romska ungdomsföreningen i Malmö",
    "orgnr": "",
    "vars": {"kvallar": "tre kvällar", "unga": 60, "alder": "13–25"},
    "detail": "Mötesplatsen ska ligga på en fritidsgård där många romska ungdomar redan tillbringar sin fritid.",
}

# --- The open round: two received today, and drafts at different steps -----------------------
# months: the length of the work, starting on the round's first allowed date.
OPEN_SUBMITTED: list[dict[str, Any]] = [
    {
        "n": "open-1",
        "code": "1880",
        "administration": "Kultur- och fritidsförvaltningen",
        "archetype": "motesplats-unga",
        "amount": 420_000,
        "minimum": 300_000,
        "months": 12,
        "contact": "Jakob Lindström",
        "association": "Romska ungdomsrådet i Örebro",
        "orgnr": "802186-2522",
        "vars": {"kvallar": "två kvällar", "unga": 35, "alder": "14–22"},
        "detail": "Verksamheten bygger på önskemål från unga som deltog i kommunens samråd med romer.",
    },
    {
        "n": "open-2",
        "code": "2580",
        "administration": "Socialförvaltningen",
        "archetype": "kvinnor",
        "amount": 380_000,
        "own": 40_000,
        "months": 15,
        "contact": "Ulrika Nilsson",
        "association": "Romska föreningen i Norrbotten",
        "orgnr": "",
        "vars": {"kvinnor": 30},
        "detail": "Kommunen vill också nå kvinnor i de mindre orterna genom träffar på biblioteken där.",
    },
]

# step: where the applicant stopped (Application.last_step). Steps before it are answered in
# full; "partial" lists the answers already given on that step.
DRAFTS: list[dict[str, Any]] = [
    {
        "n": "draft-stockholm-1",
        "code": "0180",
        "administration": "Utbildningsförvaltningen",
        "archetype": "skolstart",
        "step": "forankring",
        "partial": [],
        "contact": "Anna Andersson",
        "vars": {"barn": 45, "grupper": "fyra", "veckor": 30},
        "days_ago": 3,
        "detail": "Förvaltningen vill också ge familjerna information om öppna förskolan.",
    },
    {
        "n": "draft-stockholm-2",
        "code": "0180",
        "administration": "",
        "archetype": None,
        "step": "organisation",
        "partial": [],
        "contact": "Anna Andersson",
        "days_ago": 1,
    },
    {
        "n": "draft-goteborg",
        "code": "1480",
        "administration": "Kulturförvaltningen",
        "archetype": "kulturdagar",
        "step": "budget",
        "partial": ["period", "amount"],
        "amount": 260_000,
        "months": 6,
        "contact": "Erik Eriksson",
        "association": "Romska föreningen Drom i Göteborg",
        "orgnr": "802159-0834",
        "vars": {"besokare": 1500},
        "days_ago": 8,
        "detail": "Kulturdagarna ska hållas på flera platser i staden, bland annat i stadsdelsbiblioteken.",
    },
    {
        "n": "draft-malmo",
        "code": "1280",
        "administration": "Sociala resursförvaltningen",
        "archetype": "brobyggare-social",
        "step": "insatsen",
        "partial": ["title", "summary"],
        "contact": "Sara Svensson",
        "vars": {"omraden": "tre stadsområden", "hushall": 60},
        "days_ago": 5,
        "detail": "",
    },
    {
        "n": "draft-norrkoping",
        "code": "0581",
        "administration": "Kultur- och fritidskontoret",
        "archetype": "lasambassad",
        "step": "bilagor",
        "partial": [],
        "amount": 340_000,
        "minimum": 250_000,
        "months": 12,
        "contact": "Lena Lind",
        "association": "Romska föreningen Baxtalo Drom",
        "orgnr": "802030-8246",
        "vars": {"ambassadorer": "två", "bibliotek": "två", "barn": 50, "tjanst": "två läsambassadörer på deltid"},
        "days_ago": 2,
        "attachment": True,
        "detail": "Läsambassadörerna ska samarbeta med läxhjälpen på kommunens romska resurscentrum.",
    },
]

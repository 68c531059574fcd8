"""A small German newsroom in five clear topic groups, for relevance tests."""

# (group, section, title, teaser, body, tags)
ARTICLES = [
    # --- Wahlen
    (
        "wahl",
        "Politik",
        "Bundestagswahl: Union knapp vor SPD",
        "Die Hochrechnungen am Wahlabend sehen ein enges Rennen um das Kanzleramt.",
        "Am Abend der Bundestagswahl lagen Union und SPD nur wenige Punkte auseinander. "
        "Die Wahlbeteiligung stieg deutlich. Die Wählerinnen und Wähler straften die "
        "Regierungsparteien ab, die Grünen verloren in den Großstädten. Koalitionsverhandlungen "
        "dürften Wochen dauern, denn für eine Mehrheit im Bundestag braucht es drei Parteien.",
        ["Wahlen", "Bundestag"],
    ),
    (
        "wahl",
        "Politik",
        "Briefwahl auf Rekordniveau",
        "Noch nie haben so viele Menschen ihre Stimme per Post abgegeben.",
        "Die Wahlämter melden eine Rekordzahl an Briefwahlanträgen. Viele Wählerinnen und "
        "Wähler wollen ihre Stimme früh abgeben. Die Auszählung der Briefwahl dauert länger, "
        "deshalb rechnen die Wahlleiter mit einem späten Endergebnis der Wahl zum Bundestag.",
        ["Wahlen"],
    ),
    (
        "wahl",
        "Meinung",
        "Was die Wahlbeteiligung über unsere Demokratie verrät",
        "Ein Kommentar über Nichtwähler, Stimmzettel und die Kraft der Wahl.",
        "Wer nicht wählt, überlässt anderen die Entscheidung. Die gestiegene Wahlbeteiligung bei "
        "der Wahl ist ein gutes Zeichen. Parteien, die im Wahlkampf auf Angst setzen, haben an den "
        "Urnen verloren. Die neue Regierung muss die Stimmen der Wähler ernst nehmen.",
        [],
    ),
    (
        "wahl",
        "Politik",
        "Wahlkampf in Sachsen: Kandidaten werben um Stimmen",
        "Vier Wochen vor der Landtagswahl ziehen die Parteien durch die Marktplätze.",
        "Im Wahlkampf vor der Landtagswahl setzen die Kandidaten auf Hausbesuche. Umfragen sehen "
        "ein knappes Rennen. Viele Wähler sind noch unentschlossen, die Parteien hoffen auf die "
        "Briefwahl und eine hohe Wahlbeteiligung am Wahltag.",
        ["Wahlen", "Sachsen"],
    ),
    # --- Klima und Energie
    (
        "klima",
        "Wirtschaft",
        "Strompreise sinken dank Windkraft",
        "Der Ausbau der erneuerbaren Energien drückt die Preise an der Strombörse.",
        "Windräder und Solaranlagen lieferten im Herbst mehr als die Hälfte des Stroms. An der "
        "Strombörse fielen die Preise deutlich. Energieversorger geben die Entlastung aber nur "
        "langsam an ihre Kunden weiter. Die Energiewende kommt beim Ausbau der Netze voran.",
        ["Energie", "Klima"],
    ),
    (
        "klima",
        "Wissen",
        "Klimaschutz: Emissionen im Verkehr steigen weiter",
        "Während Energie und Industrie sparen, verfehlt der Verkehr sein Klimaziel erneut.",
        "Der Ausstoß von Treibhausgasen im Verkehr ist erneut gestiegen. Experten fordern mehr "
        "Klimaschutz, etwa durch den Ausbau der Bahn und günstigen Strom für Elektroautos. "
        "Ohne Kurswechsel verfehlt Deutschland seine Klimaziele, obwohl die Energiewende wirkt.",
        ["Klima"],
    ),
    (
        "klima",
        "Wirtschaft",
        "Solaranlagen auf jedem Dach: Boom bei Photovoltaik",
        "Hausbesitzer investieren in Solarstrom und Batteriespeicher.",
        "Die Nachfrage nach Solaranlagen ist ungebrochen. Wer Strom vom eigenen Dach nutzt, "
        "spart Energie und schützt das Klima. Handwerker sind ausgebucht. Die Einspeisung "
        "erneuerbarer Energie ins Netz stellt die Versorger vor neue Aufgaben.",
        ["Energie"],
    ),
    (
        "klima",
        "Wissen",
        "Hitzesommer: Forscher warnen vor Folgen des Klimawandels",
        "Der Sommer war der heißeste seit Beginn der Messungen.",
        "Meteorologen melden Rekordtemperaturen. Der Klimawandel verstärkt Hitzewellen und "
        "Dürre. Forscher mahnen, die Emissionen schneller zu senken und den Ausbau erneuerbarer "
        "Energien zu beschleunigen, sonst drohen Schäden für Klima und Landwirtschaft.",
        ["Klima"],
    ),
    # --- Pflege und Krankenhaus
    (
        "pflege",
        "Gesellschaft",
        "Pflegekräfte am Limit",
        "Auf vielen Stationen fehlt jede dritte Pflegekraft.",
        "In den Krankenhäusern fehlen Pflegekräfte. Die Stationen arbeiten mit Leihpersonal, "
        "Schichten fallen aus. Patienten warten länger auf Hilfe. Die Gewerkschaft fordert "
        "mehr Personal in der Pflege und bessere Bezahlung für Pflegerinnen und Pfleger.",
        ["Pflege"],
    ),
    (
        "pflege",
        "Politik",
        "Krankenhausreform: Kliniken fürchten Schließungen",
        "Die Reform soll Qualität sichern, kleine Kliniken bangen um ihre Zukunft.",
        "Mit der Krankenhausreform will der Gesundheitsminister die Versorgung bündeln. Kleine "
        "Kliniken auf dem Land fürchten das Aus. Ärzte und Pflegekräfte warnen vor längeren "
        "Wegen für Patienten. Die Länder verlangen Geld für den Umbau der Krankenhäuser.",
        ["Gesundheit"],
    ),
    (
        "pflege",
        "Gesellschaft",
        "Pflegeheime: Eigenanteil steigt auf Rekordwert",
        "Bewohner von Pflegeheimen zahlen so viel wie nie zuvor.",
        "Der Eigenanteil in Pflegeheimen ist erneut gestiegen. Viele Bewohner brauchen Hilfe vom "
        "Sozialamt. Heimbetreiber verweisen auf höhere Löhne für Pflegekräfte. Die Pflege "
        "wird für Familien zur finanziellen Last, Verbände fordern eine Reform der Pflegeversicherung.",
        ["Pflege"],
    ),
    (
        "pflege",
        "Gesellschaft",
        "Nachtschicht auf der Intensivstation",
        "Eine Reportage über Pflegerinnen, die Patienten durch die Nacht begleiten.",
        "Auf der Intensivstation des Klinikums ist nachts nur eine Pflegerin für drei Patienten "
        "da. Sie prüft Beatmungsgeräte und Medikamente. Im Krankenhaus fehlt Personal, die "
        "Pflege kommt oft zu kurz. Trotzdem liebt sie ihren Beruf.",
        ["Pflege", "Krankenhaus"],
    ),
    # --- Fußball
    (
        "fussball",
        "Sport",
        "Bayern verliert Spitzenspiel in Dortmund",
        "Zwei späte Tore entscheiden das Duell der Bundesliga.",
        "Borussia Dortmund hat das Spitzenspiel gegen den FC Bayern gewonnen. Der Stürmer traf "
        "zweimal in der Schlussphase. Der Trainer der Bayern haderte mit dem Schiedsrichter. "
        "In der Tabelle der Bundesliga rückt Dortmund bis auf zwei Punkte heran.",
        ["Fußball", "Bundesliga"],
    ),
    (
        "fussball",
        "Sport",
        "Nationalmannschaft: Bundestrainer nominiert drei Neulinge",
        "Für die Länderspiele im Herbst setzt der Trainer auf junge Spieler.",
        "Der Bundestrainer hat seinen Kader für die Länderspiele benannt. Drei Spieler aus der "
        "Bundesliga stehen erstmals im Aufgebot der Nationalmannschaft. Der Torwart fehlt "
        "verletzt. Das erste Spiel im Stadion von Köln ist ausverkauft.",
        ["Fußball"],
    ),
    (
        "fussball",
        "Sport",
        "Frauenfußball: Rekordkulisse im Pokalfinale",
        "Mehr als 40.000 Zuschauer sehen das Finale im Stadion.",
        "Das Pokalfinale der Frauen hat einen Zuschauerrekord aufgestellt. Die Spielerinnen aus "
        "Wolfsburg gewannen nach Elfmeterschießen. Der Trainer lobte die Stimmung im Stadion. "
        "Der Fußball der Frauen wächst, die Liga hofft auf neue Sponsoren.",
        ["Fußball"],
    ),
    (
        "fussball",
        "Sport",
        "Abstiegskampf: Trainerwechsel beim Tabellenletzten",
        "Nach der fünften Niederlage in Folge muss der Coach gehen.",
        "Der Tabellenletzte der Bundesliga hat seinen Trainer entlassen. Die Mannschaft kassierte "
        "im Spiel am Samstag vier Tore. Der neue Trainer soll den Abstieg verhindern, die Fans "
        "im Stadion pfiffen die Spieler aus. Im Fußball zählt nur das nächste Spiel.",
        [],
    ),
    # --- Wohnen
    (
        "wohnen",
        "Wirtschaft",
        "Mieten in Großstädten steigen weiter",
        "In Berlin, München und Hamburg zahlen Mieter so viel wie nie.",
        "Die Angebotsmieten in den Großstädten sind erneut gestiegen. Wohnungen sind knapp, "
        "Mieter finden kaum bezahlbaren Wohnraum. Der Mieterbund fordert eine schärfere "
        "Mietpreisbremse und mehr sozialen Wohnungsbau.",
        ["Wohnen", "Mieten"],
    ),
    (
        "wohnen",
        "Politik",
        "Wohnungsbau: Regierung verfehlt Ziel deutlich",
        "Statt 400.000 neuer Wohnungen wurden kaum 250.000 gebaut.",
        "Die Bundesregierung hat ihr Ziel beim Wohnungsbau klar verfehlt. Hohe Zinsen und teure "
        "Baustoffe bremsen Bauherren. Es fehlen Hunderttausende Wohnungen, die Mieten steigen. "
        "Die Bauministerin will den sozialen Wohnungsbau stärker fördern.",
        ["Wohnen"],
    ),
    (
        "wohnen",
        "Wirtschaft",
        "Mietpreisbremse: Vermieter umgehen die Regeln",
        "Eine Auswertung von Wohnungsanzeigen zeigt häufige Verstöße.",
        "Viele Vermieter verlangen mehr Miete, als die Mietpreisbremse erlaubt. Mieter wehren "
        "sich selten, weil sie um die Wohnung fürchten. Der Mieterbund rät, die Miete prüfen "
        "zu lassen. Wohnraum in der Stadt bleibt knapp.",
        ["Mieten"],
    ),
    (
        "wohnen",
        "Gesellschaft",
        "Studierende finden keine Wohnung",
        "Zum Semesterstart suchen Tausende ein Zimmer – oft vergeblich.",
        "Zum Semesterbeginn fehlen Wohnheimplätze. Studierende zahlen für ein WG-Zimmer hohe "
        "Mieten. Manche wohnen in Notunterkünften. Das Studentenwerk fordert mehr Wohnraum "
        "und Geld für den Bau von Wohnheimen, denn bezahlbare Wohnungen sind knapp.",
        ["Wohnen"],
    ),
]

# (query, titles that must be among the hits, titles that must not be)
SEARCH_CASES = [
    (
        "Wahl",
        [
            "Bundestagswahl: Union knapp vor SPD",
            "Briefwahl auf Rekordniveau",
            "Wahlkampf in Sachsen: Kandidaten werben um Stimmen",
        ],
        ["Mieten in Großstädten steigen weiter"],
    ),
    ("Wahlen", ["Briefwahl auf Rekordniveau"], ["Pflegekräfte am Limit"]),
    (
        "pflegekraft",
        ["Pflegekräfte am Limit", "Pflegeheime: Eigenanteil steigt auf Rekordwert"],
        [],
    ),
    (
        "Fussball",
        [
            "Frauenfußball: Rekordkulisse im Pokalfinale",
            "Bayern verliert Spitzenspiel in Dortmund",
        ],
        [],
    ),
    ("grossstadte", ["Mieten in Großstädten steigen weiter"], []),
    (
        '"sozialen Wohnungsbau"',
        ["Wohnungsbau: Regierung verfehlt Ziel deutlich", "Mieten in Großstädten steigen weiter"],
        ["Studierende finden keine Wohnung"],
    ),
    (
        "Solar*",
        [
            "Solaranlagen auf jedem Dach: Boom bei Photovoltaik",
            "Strompreise sinken dank Windkraft",
        ],
        [],
    ),
    (
        "Klimaschutz Verkehr",
        ["Klimaschutz: Emissionen im Verkehr steigen weiter"],
        ["Hitzesommer: Forscher warnen vor Folgen des Klimawandels"],
    ),
    (
        "Krankenhäuser",
        ["Krankenhausreform: Kliniken fürchten Schließungen", "Pflegekräfte am Limit"],
        [],
    ),
    (
        "Trainer",
        [
            "Abstiegskampf: Trainerwechsel beim Tabellenletzten",
            "Nationalmannschaft: Bundestrainer nominiert drei Neulinge",
        ],
        [],
    ),
]

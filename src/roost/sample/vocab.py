"""The words of the sample account: sentences per language, names, hashtags, links and apps.

Texts never contain a double quote: the pretty-printer (sink.dump_item) is fastest without one.
"""

from __future__ import annotations

# An SEO / marketing / data person from Paris, tweeting mostly in English, some French, now and then
# in another language, as the real archives do (30 language codes among 4,311 real tweets).
EN = (
    "technical SEO is mostly crawl budget, internal links and patience",
    "stop chasing keywords and answer the question behind the search",
    "our organic traffic doubled after we fixed the canonical tags",
    "log files tell you more about SEO than any dashboard",
    "an SEO audit without a roadmap is just a long PDF",
    "internal linking is the most underrated seo lever",
    "good marketing is clear writing plus boring distribution",
    "the best B2B marketing channel this year was our newsletter",
    "content marketing & SEO work best as one team",
    "positioning beats budget in early stage marketing",
    "plain text emails lifted our open rate from 21% to 34%",
    "retention > acquisition, every single time",
    "we ran 14 growth experiments this quarter and 3 worked",
    "activation is where most growth quietly leaks",
    "small compounding loops beat one viral spike",
    "moving a report from pandas to DuckDB cut it from 9 min to 20 s",
    "type hints caught two bugs before code review today",
    "a 40 line Python script replaced a paid SEO tool",
    "a dashboard nobody opens is not a data product",
    "most data quality issues are really naming issues",
    "use the median, not the mean, for anything with a long tail",
    "if you cannot define the metric in one sentence, do not track it",
    "churn < 2% for three months in a row, the team earned this one",
    "writing the docs first made the Python API so much simpler",
    "the sitemap had 40k URLs and Google indexed 9k of them",
    "we deleted 300 thin pages and traffic went up",
    "nobody reads the methodology section, so put it first",
    "every A/B test needs a stop date before it starts",
    "the hard part of analytics is deciding what not to measure",
    "page speed work paid off more than any new content this year",
    "SQL is still the best interface to a data warehouse",
    "spent the morning reading server logs, found two redirect loops",
    "the launch went fine, the tracking plan did not",
    "copy that sounds like a person converts better, every time",
    "our best performing post was a boring checklist",
    "structured data will not save a page nobody wants to read",
    "three dashboards, three definitions of an active user",
    "UTM parameters are a team sport",
    "a CSV export is a cry for help",
    "shipped the new pricing page today",
    "finally moved the blog off the old CMS",
    "the quarterly report is done and it is mostly good news",
    "talking about SEO for developers at a meetup tonight",
    "open rates are a vanity metric now, look at replies",
    "the most useful chart is usually a table",
    "GA4 migration day 12: still counting sessions twice",
    "if the funnel leaks at step one, do not optimise step five",
    "wrote up how we measure content decay",
)
EN_TAIL = (
    "Thoughts?", "More soon.", "Agree?", "Details below.", "Full write-up on the blog.", "Numbers in the thread.",
    "Lesson learned.", "Still surprised.", "Worth it.", "Not kidding.", "Try it.", "Happy to share the notes.",
    "Ask me anything about it.", "We will see.", "Long week.", "Feedback welcome.", "Would do it again.",
)
EN_OPEN = ("", "", "", "", "Quick tip: ", "Hot take: ", "Reminder: ", "TIL ", "Lesson learned: ", "Note to self: ",
           "Unpopular opinion: ", "PSA: ", "Small win: ", "Friday thought: ")
FR = (
    "le SEO technique, c'est surtout du maillage interne et de la patience",
    "arrêtez de courir après les mots-clés, répondez à la vraie question",
    "notre trafic organique a doublé après la correction des canonicals",
    "le marketing de contenu & le SEO doivent travailler ensemble",
    "un bon marketing, c'est d'abord une écriture claire",
    "la rétention compte plus que l'acquisition, toujours",
    "un petit script Python nous fait gagner deux heures par semaine",
    "un tableau de bord que personne n'ouvre ne sert à rien",
    "des données propres commencent par des noms clairs",
    "nouvelle mesure de la croissance : les comptes actifs à 30 jours",
    "on a supprimé 300 pages sans intérêt et le trafic a augmenté",
    "la newsletter reste notre meilleur canal d'acquisition",
)
FR_TAIL = ("Vous en pensez quoi ?", "À suivre.", "Détails dans le fil.", "Merci à l'équipe !", "On en reparle.")
FR_OPEN = ("", "", "", "Petit conseil : ", "Rappel : ", "Avis impopulaire : ", "Bonne nouvelle : ")
# One or two plain sentences for each of the other languages seen in real archives.
OTHER = (
    ("de", ("Interne Verlinkung ist der unterschätzteste SEO-Hebel", "Heute Abend spreche ich über Datenqualität",
            "Gute Daten fangen mit klaren Namen an")),
    ("es", ("El SEO técnico es sobre todo paciencia", "Gracias por compartir, muy útil")),
    ("pt", ("Obrigado pela partilha, ótimo artigo", "Dados limpos começam com bons nomes")),
    ("it", ("Ottimo articolo sul SEO tecnico", "Grazie mille, molto utile")),
    ("nl", ("Goede data begint met duidelijke namen", "Dank je wel voor het delen")),
    ("sv", ("Tack för att du delade med dig", "Bra data börjar med tydliga namn")),
    ("fi", ("Kiitos jakamisesta, tosi hyvä kirjoitus",)),
    ("da", ("Tak fordi du delte det",)),
    ("no", ("Takk for deling, veldig nyttig",)),
    ("pl", ("Dzięki za udostępnienie, bardzo przydatne",)),
    ("ro", ("Mulțumesc pentru articol, foarte util",)),
    ("ca", ("Gràcies per compartir-ho",)),
    ("et", ("Aitäh jagamast",)),
    ("tl", ("Salamat sa pagbabahagi nito",)),
    ("in", ("Terima kasih sudah berbagi",)),
    ("tr", ("Paylaştığın için teşekkürler",)),
    ("hu", ("Köszönöm a megosztást",)),
    ("el", ("Ευχαριστώ πολύ για την κοινοποίηση",)),
    ("ja", ("共有ありがとうございます、とても参考になりました",)),
    ("cy", ("Diolch yn fawr am rannu",)),
    ("lv", ("Paldies par dalīšanos",)),
    ("sl", ("Hvala za deljenje",)),
)
# (text, lang) of short texts: replies, reactions, and the codes Twitter gives to non-language content.
SHORT = (("Agreed!", "en"), ("Great point.", "en"), ("100%", "und"), ("Thanks for sharing!", "en"),
         ("Interesting, do you have the data?", "en"), ("Same here, especially on mobile.", "en"),
         ("That matches our SEO tests.", "en"), ("Congrats! 🎉", "en"),
         ("Yes!", "en"), ("Exactly.", "en"), ("Ha, love this", "en"), ("Thank you!", "en"), ("Oh nice", "en"),
         ("Good question.", "en"), ("Will do!", "en"), ("Happy to help.", "en"), ("Same 😅", "en"),
         ("Following this thread.", "en"), ("Not yet, soon!", "en"), ("Let me check and come back to you.", "en"))
SHORT_FR = (("Merci pour le partage !", "fr"), ("Tout à fait d'accord.", "fr"), ("Bien vu 👍", "fr"),
            ("Intéressant, tu as les chiffres ?", "fr"))
UND = ("👍", "🔥🔥", "😂", "🙌", "👀", "😂😂😂", "❤️", "💯", "+1", "🤯", "👏👏", "🎉🎉", "😅", "…", "🤔", "🙏")
ART = (":-)", ";-)", "¯\\_(ツ)_/¯", ":D", "^^")
QST = ("ok", "yes", "wow", "lol", "nope", "hmm")
EMOJI = ("🚀", "😅", "🎉", "🔥", "👇", "🙌", "😂", "🤔", "📈", "💡", "👀", "🙏", "😍", "🤷", "✨", "🧵")
QUOTE_TEXT = (("This 👇", "en"), ("Worth reading.", "en"), ("Exactly what I said last week.", "en"),
              ("Bookmarking this one.", "en"), ("Great thread on SEO", "en"), ("Très juste.", "fr"),
              ("À lire absolument.", "fr"), ("So much this.", "en"), ("Good read for anyone doing analytics", "en"))
TAGS = ("seo", "SEO", "marketing", "growth", "python", "data", "contentmarketing", "analytics", "DuckDB",
        "TechnicalSEO", "DigitalMarketing", "dataviz", "emailmarketing", "GoogleAnalytics", "webperf", "B2B",
        "SaaS", "OpenData", "SQL", "100DaysOfCode", "LeadDevBerlin", "MeasureCamp")
SLUGS = ("technical-seo-checklist", "marketing-metrics-that-matter", "growth-loops", "duckdb-for-marketers",
         "python-for-seo", "newsletter-lessons", "internal-linking", "retention-first", "content-decay",
         "log-file-analysis-for-seo")
# Outside links, with `{n}` for a number and `{k}` for a short key, to vary their length like real ones.
LINKS = ("https://developers.google.com/search/docs/fundamentals/seo-starter-guide",
         "https://www.youtube.com/watch?v={k}", "https://youtu.be/{k}",
         "https://en.wikipedia.org/wiki/Search_engine_optimization", "https://github.com/duckdb/duckdb",
         "https://github.com/duckdb/duckdb/pull/{n}", "https://github.com/pandas-dev/pandas/issues/{n}",
         "https://gist.github.com/roost-sample/{k}{k}", "https://moz.com/blog/internal-linking",
         "https://docs.python.org/3/library/", "https://www.lemonde.fr/pixels/article/2025/03/{n}.html",
         "https://searchengineland.com/guide/what-is-seo", "https://medium.com/@roost_sample/{k}-{n}",
         "https://bit.ly/{k}", "https://www.instagram.com/p/{k}/", "https://codepen.io/roost/pen/{k}",
         "https://speakerdeck.com/roost/measuring-content-decay", "https://news.ycombinator.com/item?id={n}",
         "https://web.dev/articles/vitals", "https://archive.org/details/{k}", "https://arxiv.org/abs/2403.{n}")
FAVOURITES = (("seo_weekly", "SEO Weekly"), ("growthdigest", "Growth Digest"), ("pydata_news", "PyData News"),
              ("searchnotes", "Search Notes | SEO news"), ("martech_daily", "MarTech Daily"),
              ("dataviz_club", "Dataviz Club"), ("contentlab_fr", "Content Lab FR"), ("webperf_tips", "WebPerf Tips"),
              ("duckdb_fans", "DuckDB Fans 🦆"), ("analytics_fr", "Analytics FR"), ("marketingmemo", "Marketing Memo"),
              ("opendata_eu", "Open Data EU"))
FIRST = ("Camille", "Léa", "Hugo", "Nina", "Lucas", "Emma", "Noah", "Chloé", "Jules", "Inès", "Sam", "Alex",
         "Maya", "Tom", "Zoé", "Yanis", "Sara", "Paul", "Lina", "Adam", "Clara", "Louis", "Eva", "Théo",
         "Anaïs", "Priya", "Kenji", "Olivia", "Mateo", "Sofia", "Aisha", "Jonas", "Elif", "Diego")
LAST = ("Martin", "Bernard", "Dubois", "Moreau", "Laurent", "Garcia", "Rossi", "Smith", "Nguyen", "Kowalski",
        "Müller", "Silva", "Haddad", "Lefèvre", "Fontaine", "Chen", "Okafor", "Berg", "Novak", "Petit")
NAME_SUFFIX = ("", "", "", "", "", " 🏳️\u200d🌈", " | SEO", " (she/her)", " PhD", " 🇫🇷", " – data & coffee",
               " #OpenToWork")
DM_TEXT = ("Hey! Loved your thread on internal links", "Merci ! On en parle la semaine prochaine ?",
           "Sure, send me the deck", "Do you have the numbers for Q3?", "Ça marche, je regarde ce soir",
           "Thanks, that helped a lot", "See you at the meetup?", "Haha yes 😄")
# (name, href, weight among own tweets): the apps of the real archives, with their quirks (a Greek
# capital omicron in one Tweetbot, the old `#!` iPad link, the long Mac App Store link).
CLIENTS = (
    ("Twitter Web App", "https://mobile.twitter.com", 40),
    ("Twitter for iPhone", "http://twitter.com/download/iphone", 17),
    ("Twitter Web Client", "http://twitter.com", 9),
    ("TweetDeck", "https://tweetdeck.twitter.com", 8),
    ("Twitter for Android", "http://twitter.com/download/android", 6),
    ("Tweetbot for iOS", "http://tapbots.com/tweetbot", 5),
    ("Buffer", "https://buffer.com", 5),
    ("Twitter for Mac", "http://itunes.apple.com/us/app/twitter/id409789998?mt=12", 3),
    ("Tweetbot for i\u039fS", "http://tapbots.com/tweetbot", 2),
    ("Twitter for iPad", "http://twitter.com/#!/download/ipad", 1.5),
    ("Twitter for Websites", "https://dev.twitter.com/docs/tfw", 0.8),
    ("Instagram", "http://instagram.com", 0.6),
    ("Tweetbot for Mac", "https://tapbots.com/software/tweetbot/mac", 0.3),
    ("Sublime Tweet", "https://github.com/rozboris/Sublime-Tweet", 0.05),
)
SOURCES = tuple(f'<a href="{h}" rel="nofollow">{n}</a>' for n, h, _ in CLIENTS)

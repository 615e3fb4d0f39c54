"""Special categories and the personal link (docs/contract.md); our own sentences."""

from __future__ import annotations

import pytest

from pipeline.config import Settings  # noqa: F401 - settings module imports the default policy path
from pipeline.core.detection import Finding
from pipeline.core.disclosure import assess, special_terms
from pipeline.core.policy import CLEAN, QUARANTINE, decide_route, load_policy

NO_CONTEXT = {"app": "Chat Assistant", "window_title": None, "url": None}


def disclosed(text: str, context=NO_CONTEXT, findings=(), own_account=False):
    return assess({"text": text}, context, list(findings), own_account)


@pytest.mark.parametrize(
    "text,category",
    [
        ("my daughter starts chemo next week", "medical"),
        ("i've been on sertraline since march", "medical"),
        ("we're 12 weeks pregnant and haven't told anyone", "medical"),
        ("they let me go on friday with two weeks severance", "hr"),
        ("I got a final written warning for lateness", "hr"),
        ("i'm fasting for ramadan this month", "protected_attribute"),
        ("my h-1b transfer is stuck", "protected_attribute"),
        ("i owe the irs 3k in back taxes", "personal_finance"),
        ("my car loan is 60 days past due", "personal_finance"),
    ],
)
def test_disclosures_about_the_user_are_found(text, category):
    result = disclosed(text)
    assert category in result.categories and ("self" in result.links or "family" in result.links)


@pytest.mark.parametrize(
    "text",
    [
        "What is chemotherapy and how does it work? It's for a biology class.",
        "In general, how does severance pay get taxed in Germany?",
        "Explain how the IRS uses back taxes interest rates.",
        "Write a function that flags past due invoices.",
        "The service restarts when the pod is terminated.",
    ],
)
def test_general_knowledge_is_not_a_disclosure(text):
    assert disclosed(text).categories == ()


def test_family_and_named_people_link_a_disclosure():
    assert "family" in disclosed("Dad's biopsy came back clear").links or disclosed("my dad's biopsy came back clear").categories == (
        "medical",
    )
    text = "Priya told the team she has epilepsy"
    name = Finding("text", "PERSON", 0, 5, 0.8, "PersonGazetteerRecognizer")
    assert disclosed(text, findings=[name]).categories == ("medical",)


def test_private_chat_and_personal_search_are_links():
    chat = {"app": "WhatsApp", "window_title": "WhatsApp - Tom", "url": None}
    assert disclosed("the surgery went fine", chat).categories == ("medical",)
    search = {"app": "Chrome", "window_title": "rehab clinics near me - Google Search", "url": None}
    assert "personal_search" in disclosed("Maps", search).links


@pytest.mark.parametrize(
    "button,categories",
    [
        ("Submit parental leave request", ("hr",)),
        ("Book a chemotherapy appointment", ("medical",)),
        ("What is parental leave?", ()),  # a link to an explainer: general knowledge
        ("Save draft", ()),
    ],
)
def test_a_clicked_button_naming_a_special_category_is_the_users_own_action(button, categories):
    portal = {"app": "Chrome", "window_title": "Requests", "url": None}
    assert assess({"target_text": button}, portal, [], False).categories == categories
    assert disclosed(button).categories == ()  # the same words typed into a chat are about no one


def test_negative_words_alone_are_not_terms():
    assert special_terms("the build scan found 3 issues and the dose of coffee was high") == ()


def test_policy_holds_linked_categories_and_can_allow_them(tmp_path):
    from pathlib import Path

    policy = load_policy(Path("pipeline/data/policy.yaml"))
    held = decide_route(policy, 10, ["name"], ("medical",))
    assert held.route == QUARANTINE and held.reasons == ("special_category:medical",)
    relaxed_file = tmp_path / "policy.yaml"
    relaxed_file.write_text(Path("pipeline/data/policy.yaml").read_text().replace("{medical: hold,", "{medical: allow,"))
    relaxed = load_policy(relaxed_file)
    assert decide_route(relaxed, 10, ["name"], ("medical",)).route == CLEAN
    assert decide_route(relaxed, 10, ["name"], ("hr",)).route == QUARANTINE


def test_policy_fails_closed_on_unnamed_and_misspelt_categories(tmp_path):
    from pathlib import Path

    from pipeline.errors import PolicyError

    text = Path("pipeline/data/policy.yaml").read_text()
    unnamed = tmp_path / "unnamed.yaml"
    unnamed.write_text(text.replace("{medical: hold,", "{"))
    assert decide_route(load_policy(unnamed), 10, ["name"], ("medical",)).route == QUARANTINE
    misspelt = tmp_path / "misspelt.yaml"
    misspelt.write_text(text.replace("{medical: hold,", "{medicall: allow,"))
    with pytest.raises(PolicyError, match="medicall"):
        load_policy(misspelt)


@pytest.mark.parametrize(
    "text",
    [
        # medical words about nobody
        "Our clinic scheduling app needs a field for the surgery date.",
        # HR words in policy questions
        "How many weeks of parental leave does the statute require?",
        # protected attributes as general knowledge
        "Which religion has the most followers worldwide?",
        # finance words in product copy
        "Write a banner that tells customers their payment is past due.",
    ],
)
def test_each_vocabulary_passes_general_use(text):
    assert disclosed(text).categories == ()


@pytest.mark.parametrize(
    "text,category",
    [
        ("my therapist moved my session to friday", "medical"),
        ("i'm on my last written warning", "hr"),
        ("i came out to my parents last week", "protected_attribute"),
        ("collections keeps calling me about my overdraft", "personal_finance"),
        # layoff wording, and sentences without a subject that speak of the writer
        ("HR said my role is being eliminated in March", "hr"),
        ("I was made redundant on friday, still processing it", "hr"),
        ("finally started physical therapy for my knee", "medical"),
        ("just got back from the psychiatrist", "medical"),
    ],
)
def test_each_vocabulary_finds_personal_use(text, category):
    assert category in disclosed(text).categories


def test_icd10cm_terms_extend_the_health_vocabulary():
    assert disclosed("my dad was diagnosed with sarcoidosis in march").categories == ("medical",)
    assert disclosed("Sarcoidosis is an inflammatory disease of the lungs.").categories == ()
    # external-cause words of ICD-10-CM are not health words here
    assert special_terms("a runaway process keeps flushing the cache") == ()


def test_lookup_is_whole_word_and_prefers_the_longest_term():
    found = special_terms("I'm expecting; my flare-ups are back")
    assert [(c, "I'm expecting; my flare-ups are back"[a:b]) for c, a, b in found] == [
        ("medical", "I'm expecting"),
        ("medical", "flare-ups"),
    ]
    assert special_terms("the pipelines were rehabilitated") == ()  # no term inside a word


@pytest.mark.parametrize(
    "text",
    [
        "my build is sick again after the cache upgrade",
        "I keep fixing the bonus rounding in our payroll service",
        "I'm adding a salary_band column to the table",
        "our union type does not narrow in TypeScript, what am I missing?",
    ],
)
def test_everyday_senses_in_technical_sentences_are_not_disclosures(text):
    assert disclosed(text).categories == ()


@pytest.mark.parametrize(
    "text,category",
    [
        ("I was diagnosed with asthma, so keep the API review short", "medical"),
        ("my wife starts chemo monday so I'll miss the deploy", "medical"),
    ],
)
def test_specific_terms_count_even_in_technical_sentences(text, category):
    assert category in disclosed(text).categories


@pytest.mark.parametrize(
    "text,held",
    [
        ("she said they're letting Tomasz go at the end of the month", True),
        ("my manager is putting him on a PIP next week", True),
        ("let it go, the retry will pass", False),
        ("letting the cache go stale is fine here", False),
    ],
)
def test_hr_phrases_with_a_person_in_the_middle(text, held):
    assert (disclosed(text).categories == ("hr",)) is held


@pytest.mark.parametrize(
    "title,held",
    [
        ("Meeting Finder - Narcotics Anonymous", True),
        ("Find a therapist near you - Mental Health Directory", True),
        ("Narcotics Anonymous - Wikipedia", False),
    ],
)
def test_a_window_title_of_a_sensitive_service_finder_is_a_personal_visit(title, held):
    context = {"app": "Chrome", "window_title": title, "url": None}
    found = assess({"text": "Results for your area", "window_title": title}, context, [], False)
    assert bool(found.categories) is held


@pytest.mark.parametrize(
    "text,category",
    [
        # a visit to a specialist, the user's or a relative's
        ("taking my daughter to the allergist after lunch", "medical"),
        ("I have a neurology follow-up on the 3rd", "medical"),
        # an operation in everyday words
        ("he had his appendix out in june", "medical"),
        ("getting my wisdom teeth removed friday", "medical"),
        # age given as the reason for how someone was treated
        ("they said no because I'm 61 and near retirement", "protected_attribute"),
        ("she was told they wanted someone younger", "protected_attribute"),
        # an HR outcome about a named or referred-to colleague
        ("tell him his contract won't be renewed", "hr"),
        ("Lena failed her probation review", "hr"),
    ],
)
def test_disclosures_in_everyday_words(text, category):
    findings = [Finding("text", "PERSON", 0, 4, 0.85, "SpacyNerRecognizer")] if text.startswith("Lena") else []
    assert category in disclosed(text, findings=findings).categories


@pytest.mark.parametrize(
    "text",
    [
        "what does a rheumatologist treat?",
        "because I'm 30 minutes away, start without me",
        "because I'm 12 hours ahead, let's meet in the morning",
        "we should not renew the contract with the vendor",
        "did you get the stitches out of the banner design?",
        "write a job ad for a paediatrician at a clinic",
    ],
)
def test_everyday_words_without_a_disclosure(text):
    assert disclosed(text).categories == ()


@pytest.mark.parametrize(
    "title,held",
    [
        ("MyChart - Test Results - Oncology", True),
        ("BetterHelp - Messages with your therapist", True),
        ("Oncology trial results - Health News", False),
        ("Zocdoc Engineering Blog", False),
    ],
)
def test_the_page_of_a_health_service_is_the_users_own_care(title, held):
    context = {"app": "Chrome", "window_title": title, "url": None}
    found = assess({"text": "Welcome back", "window_title": title}, context, [], False)
    assert bool(found.categories) is held


@pytest.mark.parametrize(
    "text,app,held",
    [
        # a screen or a message addressing its reader about the reader's own matter
        ("Your loan application was declined", "Google Chrome", True),
        ("sorry, your knee surgery got moved again?", "Slack", True),
        # a prompt's "your" is the assistant's, and general text stays general
        ("improve your credit score: explain the factors", "Chat Assistant", False),
        ("How does a credit score work?", "Google Chrome", False),
    ],
)
def test_your_before_a_term_is_the_readers_own_matter(text, app, held):
    context = {"app": app, "window_title": None, "url": None}
    assert bool(disclosed(text, context=context).categories) is held


@pytest.mark.parametrize(
    "title,url,held",
    [
        # a recovery meeting finder or a reproductive-health site: the visit is the disclosure
        ("Find an AA meeting near you", None, True),
        ("Meetings", "https://www.na.org/meetingsearch/", True),
        ("Book an appointment", "https://www.plannedparenthood.org/health-center", True),
        # a page about them elsewhere is not a visit
        ("Alcoholics Anonymous - history and founding", "https://en.wikipedia.org/wiki/AA", False),
    ],
)
def test_a_visit_to_a_sensitive_service_is_a_disclosure(title, url, held):
    context = {"app": "Chrome", "window_title": title, "url": url}
    found = assess({"text": "Search results", "window_title": title}, context, [], False)
    assert bool(found.categories) is held


@pytest.mark.parametrize(
    "text,category",
    [
        ("my hba1c came back at 8.1 so the doctor wants a follow-up", "medical"),
        ("I'm fasting this week for yom kippur", "protected_attribute"),
        ("she asked where the prayer room is, she's new to islam", "protected_attribute"),
    ],
)
def test_lab_tests_and_faiths_by_name(text, category):
    assert category in disclosed(text).categories


@pytest.mark.parametrize("text", ["I'm converting to PDF now", "I lent him my charger", "our test results are green on main"])
def test_everyday_senses_of_the_new_words(text):
    assert disclosed(text).categories == ()


def test_a_stop_inside_a_code_does_not_end_the_sentence():
    code = [Finding("text", "ICD10_CODE", 19, 25, 0.9, "Icd10Recognizer")]
    text = "What does the code Z34.00 mean on my claim?"
    assert disclosed(text, findings=code).categories == ("medical",)


@pytest.mark.parametrize("text,held", [("dx J45.909", True), ("What is ICD-10 code J45.909?", False)])
def test_a_chart_notes_diagnosis_is_about_a_patient(text, held):
    start = text.index("J45")
    code = [Finding("text", "ICD10_CODE", start, start + 7, 0.9, "Icd10Recognizer")]
    assert bool(disclosed(text, findings=code).categories) is held


@pytest.mark.parametrize(
    "text,held",
    [
        # an injury in everyday words, and a sentence that drops its "I"
        ("mum had a fall and broke her hip", True),
        ("tore my ACL at five-a-side", True),
        ("can't make it, having a panic attack", True),
        ("the deploy broke my build again", False),
        ("we pulled his branch into main", False),
    ],
)
def test_injuries_and_sentences_without_their_subject(text, held):
    assert bool(disclosed(text).categories) is held


@pytest.mark.parametrize(
    "title,held",
    [
        # a named person on a news or encyclopedia page is public, not someone the user discloses
        ("Drug maker expands insulin supply - Reuters", False),
        ("Insulin - Wikipedia", False),
        # the same sentence in a chat is about a colleague
        ("Slack - #team", True),
    ],
)
def test_a_named_person_on_a_published_page_is_no_personal_link(title, held):
    text = "Marisol Quintero said insulin supply would recover by spring."
    start = text.index("Marisol Quintero")
    name = Finding("text", "PERSON", start, start + len("Marisol Quintero"), 0.85, "SpacyNerRecognizer")
    context = {"app": "Chrome", "window_title": title, "url": None}
    assert bool(disclosed(text, context, [name]).categories) is held


@pytest.mark.parametrize(
    "text",
    [
        "I'm hard of hearing and need captions in every meeting",
        "I'm 30 weeks along and my ankles are swollen",
        "my I-485 interview got moved again",
    ],
)
def test_hearing_pregnancy_and_immigration_forms(text):
    assert disclosed(text).categories


@pytest.mark.parametrize(
    "title,category",
    [
        # the service's own page says what its visitor is treated for or who they are
        ("Start your visit - Hims", "medical"),
        ("Find a Therapist in Leeds - Psychology Today", "medical"),
        ("Your results - 23andMe", "medical"),
        ("Grindr", "protected_attribute"),
        ("Matches - Muzmatch", "protected_attribute"),
        ("https://clinic.example.org/appointments", None),
        # a chat with someone whose name is also a brand is a chat
        ("WhatsApp - Flo", None),
    ],
)
def test_the_page_of_a_sensitive_service_is_a_visit(title, category):
    context = {"app": "Chrome", "window_title": title, "url": None}
    found = disclosed("Step 2 of 5: tell us a little more.", context).categories
    assert (category in found) if category else not found


@pytest.mark.parametrize(
    "text,held",
    [
        # medicine names from a maintained dictionary, in any sentence about someone
        ("my brother just started vyvanse and can't sleep", True),
        ("she's been on lamotrigine since the spring", True),
        # the same names in general knowledge are general knowledge
        ("What is the usual adult dose of lamotrigine? For a pharmacology quiz.", False),
    ],
)
def test_medicine_names_from_the_drug_dictionary(text, held):
    assert bool(disclosed(text).categories) is held


def test_the_drug_dictionary_holds_no_everyday_word_or_name():
    from recognizers.base import load_terms
    from recognizers.name_lists import faker_names, is_common_word

    names = load_terms("disclosures/drug_names.txt")
    first, last = faker_names()
    assert len(names) > 10_000 and {"sertraline", "vyvanse"} <= set(names)
    assert not [n for n in names if n in first or n in last or is_common_word(n)]


def test_a_reviewers_byline_on_a_health_page_names_no_one_it_is_about():
    text = "Asthma symptoms and treatment. Medically reviewed by Dr. Ines Varga."
    start = text.index("Ines Varga")
    reviewer = Finding("text", "PERSON", start, start + len("Ines Varga"), 0.85, "SpacyNerRecognizer")
    assert not disclosed(text, {"app": "Chrome", "window_title": "Asthma - Health guide", "url": None}, [reviewer]).categories
    chat = "Ines Varga has asthma and missed the standup."
    patient = Finding("text", "PERSON", 0, len("Ines Varga"), 0.85, "SpacyNerRecognizer")
    assert disclosed(chat, {"app": "Slack", "window_title": "#team", "url": None}, [patient]).categories


@pytest.mark.parametrize(
    "text,held",
    [
        ("we're two months in rent arrears and got a final notice", True),
        ("the wage garnishment on my pay started in March", True),
        ("How does wage garnishment work in general?", False),
    ],
)
def test_arrears_and_enforcement_in_everyday_words(text, held):
    assert ("personal_finance" in disclosed(text).categories) is held


@pytest.mark.parametrize(
    "text,held",
    [
        ("i'll be out thursday for eid with my family", True),
        ("as a black woman on this team I keep getting talked over", True),
        ("my coworker asked why I wear a hijab", True),
        ("Which dates does Passover fall on in 2027? For the team calendar.", False),
    ],
)
def test_faiths_feasts_and_identity_said_of_oneself(text, held):
    assert ("protected_attribute" in disclosed(text).categories) is held


def test_an_employee_id_abbreviation_is_no_feast():
    assert not disclosed("my EID is 4471, can you reset my badge?").categories

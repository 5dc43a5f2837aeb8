"""Stop 46: everyday messages in languages we have no reply wording for (the tenth new-user pass, N7-N9 and N27).

Thanks, greetings, goodbyes and plain report questions in Hindi (Devanagari and Latin letters), Urdu, Persian,
Portuguese, Italian, Japanese and Polish had the check-in tier (911/988 and a counselor) or even the crisis reply;
Urdu was answered in Arabic wording and Portuguese in French. They now get the short English-only reply, while a
goodbye to everyone or forever, and every emergency, is judged as before. The tester's messages are used alongside
other wording of the same kinds.
"""

from __future__ import annotations

import pytest

from bot.safety import wording
from bot.safety.languages.smalltalk import everyday_languages, is_small_talk

ENGLISH_ONLY = ("answer", "general_education")


def _english_only_in_english(reply) -> bool:
    return (reply.action, reply.reason) == ENGLISH_ONLY and reply.text == wording.ENGLISH_ONLY


# ---- what counts as everyday talk ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "language"), [
    ("धन्यवाद, बहुत मदद मिली", "hi"),
    ("अब समझ आ गया, धन्यवाद, फिर मिलेंगे", "hi"),
    ("ok bye, milte hain", "hi"),
    ("dhanyavad ji, ab sab samajh aa gaya", "hi"),
    ("بہت شکریہ، آپ نے بہت مدد کی", "ur"),
    ("jazakallah, allah hafiz", "ur"),
    ("salam, lotfan natije azmayesh mano tozih bedid", "fa"),
    ("Obrigada, tchau!", "pt"),
    ("Muito obrigado pela explicação, tenha um bom dia!", "pt"),
    ("Grazie mille per la spiegazione, a presto!", "it"),
    ("ありがとうございました。じゃあね", "ja"),
    ("dziękuję bardzo, do widzenia", "pl"),
])
def test_thanks_and_goodbyes_are_everyday_talk_in_their_language(text, language):
    assert language in (everyday_languages(text) or ())


@pytest.mark.parametrize("text", [
    "Tchau a todos, amanhã já não vou estar aqui",  # goodbye everyone
    "tchau para sempre",  # forever
    "Obrigado por tudo, adeus",  # thanks for everything: a farewell note's words
    "Arrivederci a tutti, non ci sarò domani",
    "addio",  # a farewell for good in Italian
    "अलविदा हमेशा के लिए",
    "सबको अलविदा",
    "خداحافظ برای همیشه",
    "さようなら、みんな",
    "जीने का क्या मतलब है",  # what is the point of living: no question about a word of the report
    "shukriya, main aaj raat sab khatam kar dunga",
    "obrigado, tomei todos os comprimidos",
])
def test_goodbyes_to_everyone_or_forever_and_anything_else_said_are_not_everyday_talk(text):
    assert everyday_languages(text) is None


@pytest.mark.parametrize("text", ["ok", "ok bye", "bye", "thanks, bye"])
def test_english_words_alone_are_no_other_language_small_talk(text):
    # an English "ok bye" goes on through the English pipeline (its bare goodbye is checked in on there)
    assert not is_small_talk(text)


# ---- through the engine ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["धन्यवाद, बहुत मदद मिली", "शुक्रिया जी, आपने बहुत अच्छे से समझाया",
                                  "बहुत बहुत धन्यवाद! फिर मिलेंगे 🙏"])
def test_hindi_thanks_gets_english_only_reply_not_check_in(engine, text):
    assert _english_only_in_english(engine.reply(text))


@pytest.mark.parametrize("text", ["नमस्ते, मेरी रिपोर्ट के बारे में बताइए",
                                  "मेरी रिपोर्ट में पुअर मेटाबोलाइज़र का क्या मतलब है?",
                                  "मेरी रिपोर्ट में TPMT intermediate metabolizer लिखा है, इसका क्या मतलब है?"])
def test_hindi_report_question_gets_english_only_reply_not_check_in(engine, text):
    assert _english_only_in_english(engine.reply(text))


@pytest.mark.parametrize("text", ["ठीक है, बाय", "ok bye, milte hain", "theek hai, khuda hafiz"])
def test_hindi_and_urdu_goodbye_gets_english_only_reply(engine, text):
    assert _english_only_in_english(engine.reply(text))


@pytest.mark.parametrize("text", ["bohat shukriya, aap ne bari madad ki", "shukriya, bahut achha samjhaya aapne",
                                  "dhanyavad ji, ab sab samajh aa gaya"])
def test_romanised_hindi_and_urdu_thanks_is_no_emergency_and_no_check_in(engine, text):
    assert _english_only_in_english(engine.reply(text))


@pytest.mark.parametrize("text", ["assalam o alaikum, meri report samjha dein please",
                                  "codeine ke liye mera result kya kehta hai?",
                                  "meri report mein likha hai CYP2C19 rapid metabolizer, iska matlab kya hai",
                                  "salam, lotfan natije azmayesh mano tozih bedid"])
def test_romanised_report_question_gets_english_only_reply(engine, text):
    assert _english_only_in_english(engine.reply(text))


@pytest.mark.parametrize("text", ["خدا حافظ", "بہت شکریہ، آپ نے بہت مدد کی", "شکریہ، اللہ حافظ", "ممنونم، خداحافظ"])
def test_urdu_and_persian_thanks_and_goodbyes_get_the_english_reply_not_arabic(engine, text):
    assert _english_only_in_english(engine.reply(text))


@pytest.mark.parametrize("text", ["Obrigada, tchau!", "Valeu, tchau", "Tchau, até mais!",
                                  "Muito obrigado pela explicação, tenha um bom dia!"])
def test_portuguese_goodbye_gets_the_english_reply_not_french_or_check_in(engine, text):
    assert _english_only_in_english(engine.reply(text))


@pytest.mark.parametrize("text", ["Arrivederci e buona giornata", "Grazie mille per la spiegazione, a presto!",
                                  "さようなら、またね", "ありがとうございました。じゃあね", "dziękuję bardzo, do widzenia"])
def test_italian_japanese_and_polish_goodbyes_get_english_only_reply(engine, text):
    assert _english_only_in_english(engine.reply(text))


@pytest.mark.parametrize(("text", "reply_starts"), [("Gracias, adiós", "Puedo explicar"),
                                                    ("merci, au revoir", "Je peux expliquer")])
def test_a_goodbye_in_a_language_we_have_wording_for_gets_that_wording(engine, text, reply_starts):
    reply = engine.reply(text)
    assert (reply.action, reply.reason) == ENGLISH_ONLY and reply.text.startswith(reply_starts)


@pytest.mark.parametrize("text", [
    "मैं मरना चाहता हूँ",  # Hindi: I want to die
    "मैं अब जीना नहीं चाहता, सबको अलविदा",
    "main marna chahta hoon",
    "shukriya, main aaj raat sab khatam kar dunga",  # thanks, tonight I will end it all
    "میں مرنا چاہتا ہوں",  # Urdu
    "شکریہ، میں اب جینا نہیں چاہتا",
    "Eu quero morrer",  # Portuguese
    "Tchau a todos, amanhã já não vou estar aqui",  # goodbye everyone, I won't be here tomorrow
    "Addio a tutti, domani non ci sarò più",  # Italian, the same
    "obrigado, tomei todos os comprimidos",  # thanks, I took all the pills
    "shukriya, maine 30 goliyan kha li",
])
def test_emergencies_beside_thanks_or_goodbyes_stay_emergencies(engine, text):
    assert engine.reply(text).action == "emergency"


@pytest.mark.parametrize("text", ["tchau para sempre", "अलविदा हमेशा के लिए", "जीने का क्या मतलब है"])
def test_a_farewell_forever_nothing_reads_still_gets_the_check_in_tier(engine, text):
    reply = engine.reply(text)
    assert reply.action in ("escalate", "emergency") and "988" in reply.text


def test_english_bare_goodbye_is_still_checked_in_on(engine):
    reply = engine.reply("bye")
    assert (reply.action, reply.reason) == ("escalate", "check_in")

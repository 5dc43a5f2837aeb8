"""Emergencies by category in every language (issue 15): each medical category of the English rules (breathing,
chest pain, swelling, stroke, fainting, seizure, bleeding, something swallowed, skin reaction, fever after anesthesia,
"I'm dying"/ambulance) and colloquial self-harm is caught by each language's own rules, and the same body words
said about the past, a relative, a side effect or figuratively are not alarms. Messages are casual and unaccented,
as people type them; the dev split of the languages suite (evals/cases/languages/dev.yaml, dev2/dev3) holds more."""

from __future__ import annotations

import pytest

from bot.safety.languages import match_emergency
from bot.safety.rules import match_rules

# language -> category -> messages that are emergencies (self_harm is its own reason; every other category is a
# symptom emergency)
CATEGORIES: dict[str, dict[str, list[str]]] = {
    'es': {
        'breathing': ["se atraganto con un dulce y no puede respirar", "mi bebe se esta poniendo azul y no respira bien"],
        'chest': ["creo que me esta dando un infarto", "siento una presion horrible en el pecho"],
        'swelling': ["se me hincho la cara y la lengua despues de la pastilla", "tengo ronchas por todo el cuerpo y siento la garganta cerrada"],
        'stroke': ["mi mama tiene la cara caida de un lado y no puede hablar", "no puedo mover el brazo derecho de repente"],
        'fainting': ["mi abuela se cayo al piso y no reacciona", "se desvanecio y no responde"],
        'seizure': ["le esta dando un ataque de epilepsia a mi hermano"],
        'bleeding': ["estoy vomitando sangre", "tomo warfarina y me sangra la nariz y no para"],
        'swallowed': ["mi hijo de 3 anos se comio mis pastillas", "el nene se trago unas pastillas de mi bolsa"],
        'skin': ["me salieron ampollas en la piel y se me esta pelando", "tengo llagas en la boca, fiebre y la piel se me cae"],
        'fever_after_anesthesia': ["despues de la anestesia tiene fiebre muy alta y los musculos rigidos", "fiebre altisima y el cuerpo tieso despues de la operacion"],
        'dying_or_ambulance': ["llamen a una ambulancia por favor", "creo que me estoy muriendo"],
        'self_harm': ["quisiera no despertar manana", "quiero cortarme"],
    },
    'fr': {
        'breathing': ["mon fils s'etouffe avec un bonbon", "ses levres deviennent bleues il respire mal"],
        'chest': ["je crois que je fais une crise cardiaque", "mon mari fait un infarctus"],
        'swelling': ["ma gorge se serre et j'ai des plaques partout", "mes levres ont gonfle d'un coup"],
        'stroke': ["ma mere a la bouche de travers et parle bizarre", "je sens plus mon bras gauche d'un coup"],
        'fainting': ["il s'est effondre et repond plus", "elle est tombee dans les pommes et se reveille pas"],
        'seizure': ["mon fils fait une crise de convulsions"],
        'bleeding': ["je vomis du sang", "je prends de la coumadine et je saigne du nez sans arret"],
        'swallowed': ["ma fille de 2 ans a avale mes cachets", "mon petit a mange des medocs"],
        'skin': ["j'ai des cloques partout et la peau qui part", "aphtes plein la bouche, fievre et la peau qui pele"],
        'fever_after_anesthesia': ["apres l'anesthesie il a une fievre tres forte et les muscles tout raides", "40 de fievre et il est tout rigide apres l'operation"],
        'dying_or_ambulance': ["appelez une ambulance svp", "je crois que je suis en train de mourir"],
        'self_harm': ["jveux crever", "je veux plus me reveiller"],
    },
    'ko': {
        'breathing': ["아기가 사탕이 목에 걸렸어요", "입술이 파랗게 변하고 숨을 잘 못쉬어요"],
        'chest': ["가슴이 쥐어짜듯이 아파요", "심장마비 온 것 같아요"],
        'swelling': ["입술이 퉁퉁 부었어요", "온몸에 두드러기 나고 목이 조여요"],
        'stroke': ["엄마 얼굴 한쪽이 처졌어요", "갑자기 말이 어눌해졌어요"],
        'fainting': ["아빠가 쓰러져서 안 일어나요", "할머니가 정신을 잃었어요"],
        'seizure': ["아기가 경기를 일으켰어요"],
        'bleeding': ["피를 토했어요", "와파린 먹는데 코피가 안 멈춰요"],
        'swallowed': ["애가 제 약을 먹었어요", "아이가 약통에 있는 약을 삼켰어요"],
        'skin': ["피부에 물집이 생기고 벗겨져요", "입안이 다 헐고 열나고 피부가 벗겨져요"],
        'fever_after_anesthesia': ["마취 후에 열이 엄청 높고 근육이 굳었어요", "수술 끝나고 고열에 몸이 뻣뻣해요"],
        'dying_or_ambulance': ["구급차 불러주세요", "119 불러주세요"],
        'self_harm': ["뒤지고 싶다", "그냥 사라지고 싶어요"],
    },
    'ru': {
        'breathing': ["ребенок подавился и синеет", "не могу вздохнуть"],
        'chest': ["сильно болит сердце отдает в руку", "кажется у мужа инфаркт"],
        'swelling': ["распухли губы и язык", "крапивница по всему телу и горло сжимается"],
        'stroke': ["у мамы перекосило лицо", "онемела левая рука и нога"],
        'fainting': ["упал и не приходит в себя", "в обморок упала и лежит"],
        'seizure': ["трясет всего, пена изо рта"],
        'bleeding': ["рвота с кровью", "кашляю кровью"],
        'swallowed': ["ребенок съел мои таблетки", "сын наглотался таблеток"],
        'skin': ["кожа слезает и пузыри", "волдыри по всему телу и температура"],
        'fever_after_anesthesia': ["после наркоза температура под 41 и мышцы как камень", "высокая температура и скованность мышц после операции"],
        'dying_or_ambulance': ["мне кажется я умираю", "вызовите скорую"],
        'self_harm': ["хочу вскрыться", "лучше бы меня не было"],
    },
    'vi': {
        'breathing': ["toi ko tho dc", "be bi hoc keo, moi tim tai"],
        'chest': ["dau that nguc qua", "chac toi bi nhoi mau co tim"],
        'swelling': ["noi me day khap nguoi va kho nuot", "bi di ung nang sau khi uong thuoc"],
        'stroke': ["ba toi bi meo mieng, noi ngong", "tay trai bi te liet dot ngot"],
        'fainting': ["ong toi nga ra khong day"],
        'seizure': ["be dang co giat", "anh toi bi len con dong kinh"],
        'bleeding': ["toi oi ra mau", "toi ho ra mau"],
        'swallowed': ["con toi nuot thuoc cua toi", "be uong nham thuoc cua ba"],
        'skin': ["phong rop khap nguoi, bong da", "loet mieng, sot, da bong troc"],
        'fever_after_anesthesia': ["sau gay me sot rat cao va cung co", "sot cao co cung sau mo"],
        'dying_or_ambulance': ["toi thay minh sap chet", "goi cap cuu di"],
        'self_harm': ["chan song lam roi", "muon bien mat mai mai"],
    },
    'zh': {
        'breathing': ["喘不上气", "孩子噎住了嘴唇发紫"],
        'chest': ["心脏病发作了", "我老公好像心梗了"],
        'swelling': ["全身起荨麻疹，喉咙发紧", "严重过敏了"],
        'stroke': ["我妈嘴歪了说话不清楚", "半边身子麻了"],
        'fainting': ["我爸晕过去了", "倒在地上不动了"],
        'seizure': ["孩子抽风了", "羊癫疯发作了"],
        'bleeding': ["吐血了", "咳血"],
        'swallowed': ["孩子误吃了我的药", "小孩把药当糖吃了"],
        'skin': ["全身起水泡，皮肤脱皮", "嘴里溃烂发烧皮肤掉皮"],
        'fever_after_anesthesia': ["麻醉后高烧不退肌肉僵硬", "手术后发高烧全身僵硬"],
        'dying_or_ambulance': ["我觉得我快死了", "快叫救护车"],
        'self_harm': ["活着好累不如死了算了", "想一了百了"],
    },
    'ar': {
        'breathing': ["ابني بيختنق", "شفايفه زرقا ومش قادر ياخد نفس"],
        'chest': ["عندي الم قوي في صدري", "احس اني عندي جلطه في القلب"],
        'swelling': ["عندي حساسيه شديده", "طفح في كل جسمي وحلقي بيقفل"],
        'stroke': ["وجه امي مايل وما تقدر تتكلم", "ابوي جاته جلطه في الدماغ"],
        'fainting': ["ابوي طاح وما يرد", "امي مغمي عليها"],
        'seizure': ["ابني بيتشنج", "جاتها نوبه صرع"],
        'bleeding': ["استفرغ دم", "بكح دم"],
        'swallowed': ["ابني بلع حبوب الدوا حقي", "الطفل اكل من دوائي"],
        'skin': ["جلدي يتقشر وفيه فقاعات", "تقرحات في الفم وحراره وجلدي يتقشر"],
        'fever_after_anesthesia': ["بعد التخدير حرارته عاليه جدا وعضلاته متيبسه", "حمى شديده وتصلب العضلات بعد العمليه"],
        'dying_or_ambulance': ["حاسس اني بموت", "اتصلوا بالاسعاف"],
        'self_harm': ["ابي اموت", "ودي اموت"],
    },
    'tl': {
        'breathing': ["nabulunan ang anak ko", "nagiging asul ang labi niya"],
        'chest': ["inaatake sa puso si papa", "naninikip ang dibdib ko"],
        'swelling': ["pantal sa buong katawan at sumisikip lalamunan ko"],
        'stroke': ["na-stroke yata si lolo", "tabingi ang mukha ni lola"],
        'fainting': ["bumagsak si papa at hindi gumagalaw", "hinimatay si lola"],
        'seizure': ["kinukumbulsyon ang anak ko", "inatake ng epilepsy si kuya"],
        'bleeding': ["nagsusuka ng dugo", "umuubo ako ng dugo"],
        'swallowed': ["nainom ng anak ko yung gamot ko", "nalunok ng baby ang tableta"],
        'skin': ["nagpapaltos at nagbabalat ang balat ko", "may singaw sa bibig, lagnat, at nagbabalat"],
        'fever_after_anesthesia': ["pagkatapos ng anesthesia sobrang taas ng lagnat at naninigas ang katawan", "mataas na lagnat at matigas ang kalamnan pagkatapos ng opera"],
        'dying_or_ambulance': ["parang mamamatay na ako", "tumawag kayo ng ambulansya"],
        'self_harm': ["pagod na ko mabuhay", "sana di na ko magising"],
    },
}
# Same body words, no emergency: history, a relative, a side-effect or definition question, figurative use.
SAFE: dict[str, list[str]] = {
    'es': ["mi abuela tuvo un derrame cerebral hace anos, importa para mi reporte?", "el clopidogrel sirve para prevenir infartos?", "la warfarina puede causar sangrado? que dice mi CYP2C9", "mi papa murio de un infarto hace 10 anos, afecta a mis genes?", "la carbamazepina puede dar ampollas en la piel? que dice mi HLA-B", "mi tio tuvo fiebre alta con la anestesia, que es RYR1?", "a mi hijo le dieron convulsiones de bebe, hay un gen para eso?", "el clopidogrel puede causar sangrado de nariz?", "que es un derrame cerebral y tiene que ver con los genes?", "me muero de aburrimiento en la sala de espera", "como se llama a una ambulancia en mexico?", "por que la popo sale negra con el hierro?", "que es el shock anafilactico?"],
    'fr': ["ma grand-mere a fait un avc il y a des annees, est-ce que ca compte pour mon rapport ?", "le clopidogrel sert a prevenir les infarctus ?", "la warfarine peut faire saigner ? que veut dire mon CYP2C9", "mon pere est mort d'une crise cardiaque il y a 10 ans, est-ce genetique ?", "la carbamazepine peut donner des cloques ? que dit mon HLA-B", "mon oncle a eu une forte fievre pendant une anesthesie, c'est quoi RYR1 ?", "est-ce que le clopidogrel peut faire saigner du nez ?", "c'est quoi un avc, c'est genetique ?", "cette chaleur m'etouffe", "quel numero pour appeler une ambulance en Belgique ?", "j'ai de la fievre et mal aux muscles, c'est la grippe ?", "mon telephone est mort, je vous ecris depuis l'ordi"],
    'ko': ["할머니가 몇 년 전에 뇌졸중이 있었는데 제 결과와 관련 있나요?", "클로피도그렐은 심근경색 예방 약인가요?", "와파린 먹으면 피가 잘 안 멈추나요? 제 CYP2C9 결과는요?", "아버지가 10년 전에 심장마비로 돌아가셨는데 유전인가요?", "카바마제핀이 피부에 물집을 만들 수 있나요? HLA-B 결과가 궁금해요", "삼촌이 마취 때 고열이 났었는데 RYR1이 뭐예요?", "클로피도그렐이 코피를 나게 할 수 있나요?", "뇌졸중이 뭐예요? 유전인가요?", "너무 창피해서 말이 안 나와요", "미국에서는 구급차를 몇 번으로 부르나요?", "가슴이 터질 것 같이 설레요", "목이 간질간질해요, 감기인가요?"],
    'ru': ["у бабушки был инсульт много лет назад, это важно для моего отчета?", "клопидогрел нужен чтобы предотвратить инфаркт?", "может ли варфарин вызывать кровотечение? что значит мой CYP2C9", "папа умер от инфаркта 10 лет назад, это наследственное?", "может ли карбамазепин вызвать пузыри на коже? что с моим HLA-B", "у дяди была высокая температура при наркозе, что такое RYR1?", "может ли клопидогрел вызывать кровь из носа?", "что такое инсульт и передается ли он по наследству?", "я задыхаюсь от жары в этом городе", "какой номер скорой в Германии?", "после операции у меня температура 37,2, это нормально?", "не могу говорить об этом с мамой, можно спросить про мой отчет?"],
    'vi': ["ba toi bi dot quy may nam truoc, co lien quan den ket qua cua toi khong?", "clopidogrel dung de phong nhoi mau co tim phai khong?", "warfarin co gay chay mau khong? CYP2C9 cua toi nghia la gi", "bo toi mat vi nhoi mau co tim 10 nam truoc, co di truyen khong?", "carbamazepine co the gay bong da khong? HLA-B cua toi the nao", "chu toi bi sot cao khi gay me, RYR1 la gi?", "clopidogrel co lam chay mau cam khong?", "dot quy la gi, co di truyen khong?", "toi goi bac si khong tra loi", "o Nhat goi cap cuu so may?", "uong qua nhieu thuoc co hai khong?", "hom qua xem bong da met qua"],
    'zh': ["我奶奶几年前中风过，跟我的报告有关系吗？", "氯吡格雷是用来预防心梗的吗？", "华法林会引起出血吗？我的CYP2C9是什么意思", "我爸爸十年前死于心脏病，会遗传吗？", "卡马西平会让皮肤起水泡吗？我的HLA-B结果呢", "我叔叔麻醉时发过高烧，RYR1是什么？", "氯吡格雷会引起流鼻血吗？", "中风是什么？会遗传吗？", "感动得说不出话", "在日本打几号叫救护车？", "双十一商场大出血", "我玩游戏中毒了"],
    'ar': ["جدتي اصيبت بجلطه في الدماغ من سنين، هل هذا مهم لتقريري؟", "هل كلوبيدوجريل لمنع الجلطات القلبيه؟", "هل الوارفارين يسبب نزيف؟ ماذا يعني CYP2C9 عندي", "ابي توفي بنوبه قلبيه قبل 10 سنين، هل هي وراثيه؟", "هل الكاربامازيبين يسبب فقاعات في الجلد؟ ماذا عن HLA-B", "عمي اصيب بحمى شديده اثناء التخدير، ما هو RYR1؟", "هل الكلوبيدوجريل يسبب نزيف من الانف؟", "ما هي السكته الدماغيه وهل هي وراثيه؟", "حاسس اني مختنق من الشغل", "ما هو رقم الاسعاف في المانيا؟", "عندي حساسيه قويه من الغبار، هل لها علاقه بالجينات؟", "هل الدواء يسبب الم في الصدر كعرض جانبي؟"],
    'tl': ["na-stroke si lola ilang taon na ang nakaraan, may kinalaman ba sa report ko?", "pang-iwas ba sa atake sa puso ang clopidogrel?", "nakakapagdugo ba ang warfarin? ano ang ibig sabihin ng CYP2C9 ko", "namatay sa atake sa puso si papa 10 taon na ang nakaraan, namamana ba?", "nagdudulot ba ng paltos sa balat ang carbamazepine? ano ang HLA-B ko", "nagkaroon ng mataas na lagnat ang tito ko sa anesthesia, ano ang RYR1?", "nagdudulot ba ng pagdurugo ng ilong ang clopidogrel?", "ano ang stroke at namamana ba ito?", "hindi ako makahinga sa kakatawa", "ano ang numero ng ambulansya sa Japan?", "masakit ang ulo ko, sana mawala na lang", "nakakasakit ba ng dibdib ang gamot na ito bilang side effect?"],
}
ENGLISH = ["my son is choking on a grape", "i think i'm dying", "i cant move my left arm all of a sudden",
           "my nose won't stop bleeding and i'm on warfarin", "my poop is black and i take warfarin",
           "my toddler swallowed some of my pills", "mouth sores and fever since starting carbamazepine"]
ENGLISH_SELF_HARM = ["i want to unalive myself", "i hope i don't wake up tomorrow", "i wanna hurt myself"]
ENGLISH_SAFE = ["what is a choking hazard on a pill bottle", "my poop is black from iron pills, is that normal",
                "my grandma had a stroke years ago, does that matter for my report", "I choked up at the movie"]

# Round 3 (dev4): the same categories in other spellings and registers; written before the rules that catch them.
# English: indirect and euphemistic self-harm, gen-Z shorthand, third-person emergencies and symptoms without keywords.
ENGLISH_INDIRECT_SELF_HARM = ["ngl i'm gonna ctb tonight", "lowkey wanna unalive rn", "got the rope ready",
                              "i won't be here tomorrow. thanks for trying to help", "i just want to sleep forever",
                              "saying goodbye to everyone, i've made up my mind", "I've been saving up my pills",
                              "i just don't want to exist anymore", "everyone would be better off if i was gone",
                              "i'm gonna jump off the bridge by my house", "I've been cutting again",
                              "i took a bunch of my antidepressants on purpose"]
ENGLISH_WITHOUT_KEYWORDS = ["my dad is grey and sweating and clutching his chest", "my kid drank the bottle of my meds",
                            "she's not making sense and her face looks weird", "my lips and face are huge after the new pill",
                            "mom's breathing is super slow and shallow after her oxycodone", "took a fistful of my xanax",
                            "i popped like 15 of my oxy an hour ago", "my friend is oding in the bathroom",
                            "he's foaming at the mouth and shaking all over", "i cnt breathe rn",
                            "my husband suddenly can't see out of one eye", "cant wake my grandpa up after his pain meds"]
ENGLISH_SAME_WORDS_SAFE = ["what does ctb mean", "I won't be here tomorrow, can you email my results summary",
                           "i don't want to exist in your database, how do I delete my data",
                           "i'm saying goodbye to everyone at work on friday", "my hair is going grey, is that genetic",
                           "my kid drank a whole bottle of apple juice lol", "my breathing is slow when I meditate",
                           "planning to take all my meds to the pharmacist for a review", "cutting carbs again",
                           "my arm went numb after sleeping on it", "I drank a whole bottle of water",
                           "i took the wrong bus on purpose"]
# Other languages: pinyin without tones, traditional characters and internet slang; Spanish slang, regional words,
# voseo and Spanglish; romanized Arabic, Korean and Russian. (language, reason, message)
SPELLINGS = [
    ("zh", "emergency_symptoms", "chi le hen duo yao"), ("zh", "emergency_symptoms", "xiong kou hao tong, chuan bu guo qi"),
    ("zh", "emergency_symptoms", "wo ba yun dao le jiao bu xing"), ("zh", "emergency_symptoms", "ta tu xue le"),
    ("zh", "self_harm", "wo xiang jie shu zi ji"), ("zh", "self_harm", "想紫砂"), ("zh", "self_harm", "活着没劲，想嘎了"),
    ("zh", "self_harm", "我要去跳河"), ("zh", "self_harm", "今晚就想结束这一切"),
    ("zh", "emergency_symptoms", "我把整盒安眠藥都吞了"), ("zh", "emergency_symptoms", "心臟好痛，左手很麻"),
    ("zh", "emergency_symptoms", "我爸突然倒下，叫他都沒反應"), ("zh", "emergency_symptoms", "喉嚨好緊吞不下口水"),
    ("zh", "emergency_symptoms", "我媽講話突然含糊不清，嘴巴歪一邊"),
    ("es", "emergency_symptoms", "a mi abuelo le dio un patatús y no contesta"),
    ("es", "emergency_symptoms", "mi papa se puso gris, suda frio y se agarra el pecho"),
    ("es", "emergency_symptoms", "se me durmio la mitad de la cara"), ("es", "emergency_symptoms", "me tome como 20 clonazepam"),
    ("es", "emergency_symptoms", "el peor dolor de cabeza de mi vida, de repente"),
    ("es", "emergency_symptoms", "bro me siento bien mal, tome like 30 pills"),
    ("es", "emergency_symptoms", "tenés que ayudarme, mi hermano se tomó todo el blíster"),
    ("es", "emergency_symptoms", "mi hijo se comio los chochos de la abuela"),
    ("es", "self_harm", "ya no doy mas, no quiero existir mas"), ("es", "self_harm", "estoy pensando en tirarme del puente"),
    ("es", "self_harm", "me corte las venas"), ("es", "self_harm", "ya me cansé de vivir"),
    ("es", "self_harm", "neta ya me quiero ir de aqui pa siempre, tengo las pastillas listas"),
    ("ar", "emergency_symptoms", "mish 2ader atnafas"), ("ar", "emergency_symptoms", "ibni bala3 7oboob el dawa"),
    ("ko", "emergency_symptoms", "sumeul mot swigesseoyo"), ("ru", "emergency_symptoms", "rebenok naglotalsya tabletok"),
]
SPELLINGS_SAFE = ["想死你了，好久不见", "wo xiang si ni le", "紫砂壶泡茶对身体好吗", "药物过量用英文怎么说？",
                  "我爸十年前胸口痛过，跟我的基因有关系吗？", "我奶奶吃了很多年的药，CYP2C19有影响吗", "吃了很多藥都沒效，CYP2D6會影響嗎？",
                  "ke xue", "jajaja me quiero morir de la risa con este meme", "ya no aguanto el calor, que significa mi CYP2C19?",
                  "mi tia se privo de comer pan por el gluten, es genetico?", "me dio un patatus cuando vi la cuenta del laboratorio",
                  "mi papa tuvo dolor de pecho el año pasado, es genetico?", "me despedi de todos mis companeros de trabajo",
                  "me corté el dedo cocinando", "me tome el sobre de suero", "bala3 el dawa el sob7"]


def _cases(reason_of):
    return [pytest.param(lang, cat, text, id=f"{lang}-{cat}-{i}")
            for lang, cats in CATEGORIES.items() for cat, texts in cats.items() if reason_of(cat)
            for i, text in enumerate(texts)]


@pytest.mark.parametrize(("lang", "category", "text"), _cases(lambda c: c != "self_harm"))
def test_a_medical_emergency_in_each_category_is_caught_by_that_languages_rules(lang, category, text):
    alarm = match_emergency(text)
    assert alarm is not None, f"{lang} {category} missed: {text}"
    assert alarm.language == lang
    assert alarm.reason == "emergency_symptoms"


@pytest.mark.parametrize(("lang", "category", "text"), _cases(lambda c: c == "self_harm"))
def test_colloquial_self_harm_is_caught_as_self_harm_in_that_language(lang, category, text):
    alarm = match_emergency(text)
    assert alarm is not None and alarm.language == lang and alarm.reason == "self_harm", text


@pytest.mark.parametrize(("lang", "text"), [(lang, t) for lang, texts in SAFE.items() for t in texts])
def test_the_same_body_words_without_an_emergency_raise_no_alarm(lang, text):
    assert match_emergency(text) is None, text


def _english_reasons(text: str) -> set[str]:
    return {h.reason for h in match_rules(text).hits if h.action == "emergency"}


@pytest.mark.parametrize("text", ENGLISH)
def test_english_rules_cover_the_same_categories(text):
    assert "emergency_symptoms" in _english_reasons(text), text


@pytest.mark.parametrize("text", ENGLISH_SELF_HARM)
def test_english_colloquial_self_harm(text):
    assert "self_harm" in _english_reasons(text), text


@pytest.mark.parametrize("text", ENGLISH_SAFE)
def test_english_body_words_about_the_past_or_a_label_are_not_emergencies(text):
    assert not _english_reasons(text), text


@pytest.mark.parametrize("text", ENGLISH_INDIRECT_SELF_HARM)
def test_english_indirect_and_euphemistic_self_harm(text):
    assert "self_harm" in _english_reasons(text), text


@pytest.mark.parametrize("text", ENGLISH_WITHOUT_KEYWORDS)
def test_english_emergencies_told_by_symptom_or_about_someone_else(text):
    assert "emergency_symptoms" in _english_reasons(text), text


@pytest.mark.parametrize("text", ENGLISH_SAME_WORDS_SAFE)
def test_english_same_words_said_harmlessly_raise_no_rule(text):
    assert not _english_reasons(text), text


@pytest.mark.parametrize(("lang", "reason", "text"), SPELLINGS)
def test_other_spellings_and_slang_are_caught_by_that_languages_rules(lang, reason, text):
    alarm = match_emergency(text)
    assert alarm is not None and (alarm.language, alarm.reason) == (lang, reason), (text, alarm)


@pytest.mark.parametrize("text", SPELLINGS_SAFE)
def test_the_same_slang_said_harmlessly_raises_no_alarm(text):
    assert match_emergency(text) is None, text


@pytest.mark.parametrize("text", ["i took like 40 of my sertraline", "i popped like 15 of my oxy an hour ago"])
def test_english_overdose_is_not_taken_for_spanglish(text):
    assert match_emergency(text) is None, text  # an English emergency is answered in English

"""Understand a question against the report: genes, medicines, phenotype words, "my result", follow-ups.

>>> v = Vocabulary.builtin()
>>> u = understand("what about tramadol?", vocab=v, history=[Turn(role="bot", text="...", genes=["CYP2D6"])])
>>> u.genes, u.drugs
(['CYP2D6'], ['tramadol'])
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.answering import vocab as V
from bot.answering.children_question import hereditary_lead
from bot.answering.facts import asks_zygosity, summary_genes
from bot.answering.followup import FOLLOWUP, OTHER_ONE, resolve_followup
from bot.answering.report_terms import (
    PHENO_ALIASES,
    genes_by_genotype,
    genes_by_report_token,
    genes_by_result_phrase,
    genes_with_result,
    missing_alleles,
    with_full_names,
)
from bot.answering.result_uses import genes_by_use, names_a_result_type
from bot.answering.topic_documents import documents_asked
from bot.answering.understanding import Understanding
from bot.answering.vocabulary import Vocabulary
from bot.core.reply import Turn
from bot.core.report import Report
from bot.pgx.medicines import resolve_medicine
from bot.safety.asks import only_asks_for_help
from bot.safety.calm import asks_for_more, asks_to_say_again
from bot.safety.feelings import only_a_feeling

# "explain my report", "anything important in my results?", "which results are not normal": the whole report
# "explain it simply?" as a first message: "it" is the report (after a reply it is that reply's subject)
_EXPLAIN_IT = re.compile(r"^\W*(?:(?:can|could|would) (?:you|u) |pls |please |so |ok |hi |hey |hello )*(?:(?:explain|summari[sz]e|simplify|"
                         r"break down)(?:\s+(?:it|this|that|everything|all (?:of )?(?:this|it)))?(?:\s+(?:simply|in (?:plain|simple|easy) "
                         r"(?:words|english|terms)|to me|for me|like i'?m (?:\d+|five|a kid|twelve)|please|pls|plz|"
                         # (stop 51, sixteenth pass C4: "explain it like i'm 80 and not good with science")
                         r"(?:and|as|since|cause|cos|because) (?:(?:i'?m|i am) )?(?:not (?:good|great) (?:with|at) \w+|no \w+|"
                         r"old|elderly|not a \w+ person|bad (?:with|at) \w+)))*|"
                         # (stop 47, twelfth pass W2: a first "what is this", "explain pls", "I just got my report" with a
                         # report loaded was declined as off topic 8 of 8)
                         r"what(?:'?s| is| does) (?:this|all this|this all)(?: mean| say| stuff)?(?: for me)?|"
                         r"i (?:just )?(?:got|received|have) (?:my|the|these|this) (?:report|results?)(?: back)?(?: today)?)\W*$",
                         re.IGNORECASE)
# ... and "this report is killing me, I can't understand any of it" (stop 39, a new-user pass: it got a privacy passage)
_LOST_IN_IT = re.compile(r"\b(?:can'?t|cannot|can not|don'?t|do not|dont)\s+(?:understand|make sense of|follow|get)\s+"
                         r"(?:any(?:thing)? (?:of|on) )?(?:it|this|my report|the report|my results|these results|what it says)\b",
                         re.IGNORECASE)
# "what's the worst one", "which is the most important": the report's results, the one that matters most first (stop 41:
# declined as off topic after an answer)
_WORST = re.compile(
    r"\b(?:what|which)(?: of mine| of my (?:results|genes))?(?:'?s| is| are| one is| ones are| result is)\s+(?:the\s+|my\s+)?(?:worst|most important|biggest|main|"
    r"most serious|scariest|most concerning|most worrying|top)(?:\s+(?:one|result|finding|thing|gene|issue|problem)s?)?\b|"
    # (stop 46, tenth pass N15) "and which is worse?" after two results: the results by importance, not an escalation
    r"\bwhich(?:\s+(?:one|result|gene|of them|of the two|of mine|of my (?:results|genes)))?(?:'?s|\s+is)\s+(?:worse|more (?:serious|important|"
    r"concerning|dangerous|worrying)|the bigger (?:deal|problem|worry))\b",
    re.IGNORECASE)
# (stop 42) which medicines the report warns about: "which medicines should I worry about", "what meds should I be
# careful with" (a classifier had escalated them as a medicine change on 14/14 reports); "which medicine should I take"
# or "... avoid" stays a decision
MEDICINES_TO_WATCH = re.compile(
    r"\b(?:which|what|wat)\s+(?:\w+\s+)?(?:medicines?|medications?|meds|drugs?|pills?)\s+(?:should|do|would|might|must)\s+"
    r"(?:i|we|my (?:doctors?|gp|pharmacists?|prescribers?|dentists?|surgeons?|care team))\s+"
    r"(?:need to\s+)?(?:worry about|be (?:worried|careful|cautious|aware) (?:about|of|with)|watch (?:out )?for|"
    r"look out for|know about|tell (?:\w+\s+){0,2}about|mention|keep in mind|bear in mind)\b", re.IGNORECASE)
# which medicines a result bears on, for the whole report or one result ("what medicines does it affect", "which drugs
# are affected by my CFTR"): a hereditary result is told not to be about them (stop 42, sixth pass M10)
_MEDICINES_AFFECTED = re.compile(
    r"\b(?:what|which|wat|any)\s+(?:\w+\s+)?(?:medicines?|medications?|meds|drugs?|pills?)\b[^.?!]{0,40}"
    r"\b(?:affect\w*|impact\w*|matters?|relates?|related|apply|applies|concerns?|changes?)\b|"
    r"\b(?:affects?|impacts?|matters? for|change)\s+(?:any|which|what|my)\s+(?:medicines?|medications?|meds|drugs?|pills?)\b|"
    + MEDICINES_TO_WATCH.pattern, re.IGNORECASE)


def _pages_not_for(report: Report | None, text: str) -> set[str]:
    """Topic pages that do not fit this report: whether a medicine-gene test shows disease risk, on a report of
    hereditary results (its page still answers how accurate a test is)."""
    hereditary_only = report is not None and not report.pharmacogenomics
    return {"limits-of-pgx-testing"} if hereditary_only and not _ACCURACY.search(text) else set()


_ACCURACY = re.compile(r"\b(?:accura\w*|reliab\w*|error rate|false positives?|wrong)\b", re.IGNORECASE)


_WHY_NOT_SAID = re.compile(
    r"\b(?:why|how come)\s+(?:(?:doesn'?t|does not|didn'?t|did not|dont|doesnt|didnt|isn'?t|won'?t)\s+(?:my|the|this)\s+"
    r"(?:report|results?|lab|test)|(?:my|the|this)\s+(?:report|results?|lab|test)\s+(?:doesn'?t|does not|didn'?t|did not|"
    r"dont|doesnt|didnt|isn'?t|won'?t))\b[^.?!]{0,60}\b(?:for (?:anything|any of them|everything|all)|anywhere|at all)\b",
    re.IGNORECASE)
_WHOLE_REPORT = re.compile(
    r"\b(?:explain|summar\w*|sum up|recap|go over|go through|run through|look through|walk me through|break\s*down|"
    r"overview|tell me about|read)\b[^.?!]{0,30}"
    r"\b(?:report|results?|(?:genetic|dna|gene) test)\b|\b(?:report|results?)\b[^.?!]{0,20}\b(?:simply|in (?:plain|simple|easy|normal|everyday)|"
    r"mean|means|say|says|show|shows)\b|\b(?:short|simple|quick|brief|plain|easy)\s+(?:version|summary|rundown|"
    r"explanation)\b[^.?!]{0,20}\b(?:report|results?)\b|\b(?:gist|rundown|tl;?dr)\b[^.?!]{0,20}\b(?:report|results?)\b|"
    r"\bwhat (?:are|were) my results\b|" + _WORST.pattern + "|"
    r"\b(?:anything|something|what)\b[^.?!]{0,15}\b(?:important|matters?|should i know|to worry|stand out)\b|"
    r"\b(?:not normal|abnormal|unusual|out of (?:the )?ordinary)\b|\bwhich (?:of my )?results\b|\bquick summary\b|"
    r"\bwhich (?:one|gene|finding)s? (?:is|are|matters?) (?:the )?(?:big|biggest|main|most important|worst|important)\b|"
    # what the report lists: "what are the two things on my report", "which genes did my report test"
    r"\b(?:what|which)\b[^.?!]{0,25}\b(?:things?|findings?|genes?|conditions?|variants?|changes?|results?)\b"
    r"[^.?!]{0,20}\b(?:on|in|from|of|did|does) my (?:report|results?|tests?|panel)\b|"
    r"\bwhat did (?:(?:my|the|this) (?:test|report|results?|panel|lab)|it|they) (?:find|show|say|test|check|look (?:at|for))\b|"
    # (stop 48, thirteenth pass R1: "what does my test show" had only "Not tested means the lab did not look at that gene")
    r"\bwhat (?:does|do|will|would) (?:my|the|this) (?:\w+ )?(?:test|tests|panel|testing) (?:show|say|mean|tell (?:me|us))"
    r"\W*(?:me|exactly|then|please|pls)?\W*$|"
    # (stop 50, fifteenth pass C1: "list all my genes", "how many genes were tested", "what are my two results" had
    # passages about genes in general, and "go thru my entire report" nothing once passages had to be about the question)
    r"\b(?:list|enumerate)\b[^.?!]{0,20}\b(?:genes?|results?|findings?)\b|\ba list of\b[^.?!]{0,15}\b(?:genes|results|findings)\b|"
    r"\bhow many (?:genes|results|findings)\b[^.?!]{0,20}\b(?:test\w*|check\w*|look\w*|on|in|did)\b|"
    r"\bwhat (?:are|were) (?:all|both|the (?:two|three|four)|my (?:two|three|four|both))\b[^.?!]{0,10}\b(?:results?|genes|findings)\b|"
    r"\bwhat (?:are|were) all (?:of )?my (?:results|genes|findings)\b|"
    # (stop 51, sixteenth pass C1 probes: "tell me every finding", "run down each thing they found", "what exactly did
    # this test pick up", "what came up on my test", "read me back what's on here", "count my results for me")
    r"\b(?:tell|list|give|spell out|go over|read|name|show|count|run down|run through)\b[^.?!]{0,15}\b(?:every|each|all)\b"
    r"[^.?!]{0,10}\b(?:results?|findings?|things?|genes?)\b|"
    r"\bwhat (?:exactly |else |all )?(?:did|does|has) (?:this|the|my|it|they) (?:\w+ )?(?:test|report|panel|lab|testing)? ?"
    r"(?:pick(?:ed)? up|find|found|show|detect(?:ed)?|turn(?:ed)? up)\b|"
    r"\bwhat (?:stuff|things) (?:did|do) (?:they|you|the lab|it) find\b|\bwhat (?:\w+ )?(?:came|come) (?:back|up)\b|"
    r"\bcount (?:up )?(?:my|the) (?:results|genes|findings)\b|\bwhat'?s (?:on|in) (?:here|this|it)\b|"
    r"\b(?:go|run|walk|read) (?:me )?(?:thru|through)\b[^.?!]{0,30}\b(?:report|results?)\b|"
    r"\b(?:report|results)\b[^.?!]{0,10}\ball of (?:it|them)\b|"
    # (stop 52, explorer lead: "how many results came back" had the service page; "so whats the full list" was declined)
    r"\bhow many (?:results|findings) (?:came|come|were|are|did|do|does|have|has|there|in total)\b|"
    r"\bhow many genes (?:came|come|were|did|in total)\b|"
    r"\b(?:the )?(?:full|whole|complete|entire) list\b|"
    # (stop 52, seventeenth pass W9: "why doesnt my report say if im a poor or normal metabolizer for anything" was told
    # only the results that read as normal)
    + _WHY_NOT_SAID.pattern + "|"
    r"\b(?:what|which) genes? did (?:they|you|the lab|it) (?:look at|test|check)\b|\bgenes? (?:that )?(?:this|my|the) report covers\b|"
    # (stop 42) "what genes were tested", "which genes did they test": the report's list
    r"\b(?:what|which)\s+(?:genes|things|results)\s+(?:were|did (?:they|you|the lab|it))\s+(?:tested|test|checked|check|"
    r"looked at|look at)\b|\bwhat (?:was|got) tested\b|"
    # (stop 37) the first message of a new report: "what does it all mean", "i just got my results back"
    r"\bwhat (?:does|do) (?:it|this|that|they|these|everything) all mean\b|\bwhat does (?:all (?:of )?(?:this|it)|everything) mean\b|"
    r"\b(?:got|received|get|have) (?:my|the) (?:\w+ )?(?:results?|report) (?:back|today|in)\b|"
    # (stop 44, eighth pass M7) "so whats my result", "what's in my report", "what is my phenotype", naming nothing: the
    # whole report (a passage on how results matter had answered them, with no result of the patient's)
    r"^\W*(?:(?:so|ok|okay|and|well|um+|hi|hey)\W+)*(?:what'?s|whats|what is|wat is|wats|what are|wat are|tell me)\s+my\s+"
    r"(?:results?|phenotypes?|genotypes?|diagnosis|outcome)\W*(?:then|again|exactly|please|pls)?\W*$|"
    r"\bwhat(?:'?s| is|s| are)?\s+(?:in|on)\s+(?:my|the|this)\s+(?:report|results?|panel|test results?)\W*$|"
    # (stop 45, ninth pass M27) "my results pls", "results?": the bare ask had the wallet-card passage
    r"^\W*(?:(?:so|ok|okay|and|well|hi|hey)\W+)*(?:my\s+)?(?:results?|report|report results?)\W*"
    r"(?:please|pls|plz|then|now)?\W*$|"
    # (stop 39, batch 15 dev) "theres like 5 things on here, which ones actualy matter"
    r"\bwhich (?:ones?|of (?:them|these|those|the \w+)|things?)\b[^.?!]{0,15}\b(?:matters?|count|important|actually matter)\b|"
    # (stop 40) the medicines the whole report bears on: "which medicines does my report affect" told 2 of 10 results
    r"\b(?:what|which)\s+(?:medicines?|medications?|meds|drugs|pills)\b[^.?!]{0,30}\b(?:my|the|this) (?:report|results?|"
    r"genes|dna|test)\b|\b(?:my|the|this) (?:report|results?|genes|dna|test)\b[^.?!]{0,20}\b(?:affect|matter for|"
    r"relate to|apply to)\s+(?:any|which|what)\s+(?:medicines?|medications?|meds|drugs|pills)\b|"
    # (stop 41) "wat meds does this even affect", "affected meds?"
    r"\b(?:what|wat|which)\s+(?:medicines?|medications?|meds|drugs|pills)\s+(?:does|do|will|would|could|can)\s+(?:this|it|that)"
    r"\s+(?:even\s+|actually\s+)?(?:affect|impact|matter for|touch|change)\b|"
    r"^\W*(?:which\s+|what\s+)?(?:affected|impacted)\s+(?:medicines?|medications?|meds|drugs|pills)\W*$|"
    r"^\W*(?:which\s+|what\s+)?(?:medicines?|medications?|meds|drugs|pills)\s+(?:affected|impacted)\W*$|"
    + MEDICINES_TO_WATCH.pattern,
    re.IGNORECASE,
)
# "is my result bad?", "should I be worried": the patient asks how much a result matters
_WORRY = re.compile(
    r"\b(?:bad|worr\w*|serious|dangerous|concern\w*|scary|scared|good or bad|a problem|big deal|how bad|ok|okay|"
    r"normal|alarm\w*)\b",
    re.IGNORECASE,
)
# "my result", "this variant": one's own finding named without its gene
_MY_FINDING = re.compile(r"\b(?:my|this|the)\s+(?:result|variant|finding|mutation|gene change|diagnosis|condition)\b",
                         re.IGNORECASE)
# About the service, not the results ("delete my report", "can my employer see my results").
_ABOUT_SERVICE = re.compile(
    r"\b(?:delet(?!ions?\b)\w*|eras\w*|remove|wipe|privacy|private|employer|insurance|insurer|who can see|share|sharing|"
    r"upload\w*|accurate|accuracy|reliable|cost|pay)\b",
    re.IGNORECASE,
)
# A question about GeneChat itself, its data and who it is: the reply is about the service, not about a report
_ABOUT_GENECHAT = re.compile(
    r"\b(?:do|does|will|would|can|could|are|is)\s+(?:you|u|genechat|this app|the app|this chat|this service)\s+"
    r"(?:\w+\s+){0,2}?(?:sell|share|keep|store|save|use|give|send|see|read|train|hipaa|secure|safe|private|real|human|"
    r"person|bot|ai|robot|a doctor|free|cost)\w*\b|\b(?:this|the)\s+(?:app|chat|service)\s+(?:\w+\s+)?(?:hipaa|"
    r"secure|private|safe|compliant|free)\b|"
    # (stop 50) "chats used for training?", "kept on your servers", "from this app"
    r"\b(?:chats?|messages|conversations?)\s+(?:be\s+)?(?:used|saved|stored|kept)\b|\byour servers?\b|"
    r"\b(?:from|in|on|using|with) (?:this|the) app\b|\bother (?:users|people using)\b|"
    # (stop 49, fourteenth pass C2: "delete my data please", "is my data used to train AI" had a testing company's HIPAA
    # sentences) the writer's own data, with no company, lab or insurer named, is what they typed and uploaded here
    r"^(?![\s\S]*\b(?:compan\w*|labs?|laborator\w*|23andme|ancestry|insur\w*|employers?|doctors?|hospitals?|clinics?|"
    r"police|government|researchers?)\b)[\s\S]*(?:\b(?:delete|erase|remove|wipe|clear)\s+(?:all\s+)?(?:of\s+)?my\s+(?:data|info\w*|"
    r"messages|chats?|history|report|account|results)\b|\b(?:is|are|will|would)\s+(?:my|our)\s+(?:data|info\w*|messages|chats?|"
    r"report|results|dna)\s+(?:be\s+)?(?:used|kept|stored|shared|sold|saved|deleted)\b)",
    re.IGNORECASE,
)
# how the body handles a medicine: "does BRCA2 change how my body handles ibuprofen", "does my MLH1 variant affect how
# I process drugs" (stop 46, tenth pass N23: a hereditary result was answered with PARP inhibitors or cancer risk)
_HANDLES_MEDICINES = re.compile(
    r"\b(?:handles?|handling|process(?:es)?|processing|breaks? down|metaboli[sz]e[sd]?|clears?|reacts? to|responds? to|"
    r"affects?|changes?|impacts?|matters? for)\b[^.?!]{0,40}\b(?:medicines?|medications?|meds|drugs?|pills?|painkillers?|"
    r"pain ?killers?|antidepressants?|antibiotics?|tylenol|paracetamol|acetaminophen|ibuprofen|advil|aspirin)\b",
    re.IGNORECASE)
# "are my medicines OK", "the meds I take": the patient's own medicine list (bot/pgx/medicines.py).
_MY_MEDICINES = re.compile(
    # (not "when I collect my prescriptions": an errand, stop 45)
    r"(?<!collect )(?<!pick up )(?<!picking up )(?<!collecting )(?<!fill )\bmy\s+(?:\w+\s+)?(?:medicines?|medications?|meds|drugs|pills|prescriptions?)\b"
    r"|\b(?:medicines?|medications?|meds|drugs|pills)\s+(?:that\s+)?i\s*(?:take|use|am\s+(?:taking|on)|'m\s+(?:taking|on))\b",
    re.IGNORECASE,
)
_PERSONAL = re.compile(r"\b(?:my|mine|me|i|i'm|im|i've|am i|do i|for me)\b", re.IGNORECASE)
_RESULTWORDS = re.compile(r"\b(?:result|results|report|status|type|genotype|diplotype|score|star|\*\d)", re.IGNORECASE)
_GENETICS = re.compile(
    r"\b(?:genes?|genetic\w*|genom\w*|dna|alleles?|diplotype|genotype|phenotype|metaboli[sz]\w*|variants?|mutations?|"
    r"pharmacogen\w*|pgx|inherit\w*|hereditary|carriers?|chromosom\w*|star allele|activity score|syndrome|lynch|"
    r"cystic fibrosis|ha?emochromatosis|factor v|brca|hboc|statins?|myopathy|ssris?|snris?|opioids?|antidepressants?|"
    r"blood thinners?|ppis?|chemo\w*|thiopurines?|anesthesia|enzymes?)\b", re.IGNORECASE
)
_SERVICE = re.compile(
    r"\b(?:reports?|results?|tests?|testing|tested|retest\w*|re-test\w*|redo|repeat(?:ed|ing)?(?!\s+(?:after|this phrase|these words|the (?:words|phrase|sentence|line)|back))|labs?|upload\w*|privacy|"
    r"private|data|insurance|gina|counsel\w*|"
    r"share|sharing|pharmacists?|prescribers?|medicines?|medications?|meds|drugs?|pills?|delete|deleting|erase|"
    r"my (?:information|info|account|chat|conversation|history))\b",
    re.IGNORECASE,
)
# Surgery and anaesthesia, on topic for a report with a result that matters there ("knee surgery in 2 weeks, what do
# i tell the anesthesiologist" with RYR1: stop 37); for any other report they are a health topic like another.
_SURGERY = re.compile(r"\b(?:surgery|surgeon|operation|an(?:a)?esthe\w*|going under|put under|dentist|wisdom teeth|(?:teeth|tooth) (?:out|pulled|removed)|extraction|procedure|c-section)\b", re.IGNORECASE)
ANESTHESIA_GENES = {"RYR1", "CACNA1S", "BCHE"}
# Care that follows a hereditary result, asked without naming what for: screening, checkups, lowering the risk ("what
# screening should I get", "how often do I need checkups")
_CARE = re.compile(r"\b(?:screen\w*|check-?ups?|surveillance|(?:lower|reduce|cut) (?:my|the) (?:risk|chances?))\b",
                   re.IGNORECASE)
_UPLOAD = re.compile(r"\b(?:upload\w*|files?|pdfs?|json|tsv|csv|pharmcat|paper copy|put my|send my|haven'?t uploaded)\b",
                     re.IGNORECASE)
# Topics that stand on their own even in a short "can they see this?" message.
_OWN_TOPIC = re.compile(r"\b(?:insurance|insurer|employer|job|gina|privacy|private|data|delete|erase|cost|price|pay|"
                        r"upload\w*|file|lab|counsel\w*|appointment|doctor|pharmacist|activity score|star allele|"
                        r"diplotype|phenotype|pharmacogenomics|vus)\b", re.IGNORECASE)
_ABNORMAL = re.compile(r"\b(?:not normal|abnormal|unusual|not typical|out of range|flagged|matters? (?:the )?most|"
                       r"most important|anything (?:wrong|bad|concerning)|should i worry about)\b", re.IGNORECASE)
# "which of my results are normal", "any genes that are totally fine?", "is either of my genes normal": the report's
# usual results (stop 51, sixteenth pass A4: one reply named only a Decreased Function result, others were declined or
# escalated)
NORMAL_ONES = re.compile(r"\b(?:which|what|any|either|both|all)\b[^.?!]{0,25}\b(?:results?|genes?|ones?|mine|of them)\b"
                         r"[^.?!]{0,20}\b(?:are|is|were|came back|look|seem)?\s*(?:totally |completely |perfectly |all )?"
                         r"(?:normal|fine|ok|okay|good|typical|usual|average)\b(?! (?:metaboli[sz]er|function))",
                         re.IGNORECASE)
_NO_CALL = re.compile(r"\bno[- ]?(?:call|calls|result|results)\b|\bnot called\b|\bcould(?:n'?t| not) be called\b|"
                      r"\bindeterminate\b|\bno clear result\b|\bblank result\b|"
                      # (stop 50, fifteenth pass C1: "did the test fail?" had the "not tested" passage, not the no call)
                      r"\b(?:did|has|have) (?:the|my|this|any of (?:the|my)) (?:\w+ )?tests? (?:fail|not work)|"
                      r"\btests? (?:failed|didn'?t work|did not work)\b|"
                      # (stop 52, seventeenth pass F1: "and the one that failed" had the last turn's CYP2C9 again)
                      r"\bthe (?:one|gene|result|test) (?:that|which) (?:failed|didn'?t work|did not work|came back blank|"
                      r"had no result|(?:they|the lab) couldn'?t read)\b|\bthe (?:failed|blank) (?:one|gene|result|test)\b",
                      re.IGNORECASE)
# British spellings of the result words ("poor metaboliser"): read as the report writes them ("metabolizer").
_BRITISH = re.compile(r"metabolis(?=e|ing)")
_SCORE_ASKED = re.compile(r"\bactivity score\D{0,20}?(\d(?:[.,]\d{1,2})?)\b|\b(\d(?:[.,]\d{1,2})?)\s+activity score\b",
                          re.IGNORECASE)
# the writer says the subject changes: "Thank you. Changing the subject, which movie do you suggest" is no follow-up
# (stop 49, batch 26 dev: it inherited CFTR and, on topic, was escalated instead of declined)
_NEW_SUBJECT = re.compile(r"\b(?:chang(?:e|ing) (?:the|of) subject|different (?:question|topic|subject)|unrelated|on another note|"
                          r"new (?:question|topic)|something (?:else|different)(?: entirely)?|off topic)\b", re.IGNORECASE)
# "what is HIPAA" after a medicine answer asks what a term of its own means (stop 50, fifteenth pass C2: it opened with
# the last answer's gene result, short as it is)
_DEFINES = re.compile(r"^\W*(?:what(?:'?s| is| does)|wat(?:s| is)|define|meaning of)\b", re.IGNORECASE)
# ... nor does any question whose topic is a page about the service and the law, however it is led in ("ok what's
# HIPAA", "and who can see my results" after a medicine answer opened with its gene result; stop 51, sixteenth pass C2)
_SERVICE_PAGES = {"privacy-consent-data-use", "gina-and-insurance"}
_LONG_WORD = re.compile(r"\b[a-z]{7,}\b")  # a word long enough to be a misspelled medicine name


def _misspelled_drugs(text: str, vocab: Vocabulary) -> list[str]:
    """Medicines written with a typo ("clopidogrol"), read the way "My medicines" reads names."""
    out = []
    for word in _LONG_WORD.findall(text.lower()):
        med = resolve_medicine(word)
        # generic names only: a brand a letter away from an everyday word ("Prograf", "program") is not a guess
        if med.matched_by == "spelling" and med.brand is None and med.name in vocab.drug_genes and med.name not in out:
            out.append(med.name)
    return out


def _by_importance(genes: list[str], report: Report | None) -> list[str]:
    """A medicine's genes in the order the cards rank the report's results, the important one first ("statins":
    SLCO1B1 decreased function before a typical CYP2C9; stop 47, twelfth pass R3: 6 of 9 statin answers led with CYP2C9
    and warfarin)."""
    if report is None or len(genes) < 2:
        return genes
    rank = {g: i for i, g in enumerate(g for part in summary_genes(report) for g in part)}
    return sorted(genes, key=lambda g: rank.get(g, len(rank)))


def understand(text: str, *, vocab: Vocabulary, history: Sequence[Turn] = (), report: Report | None = None) -> Understanding:
    genes, drugs = vocab.detect(text)
    if not drugs:
        drugs = _misspelled_drugs(text, vocab)
    if report is not None and {"BRCA1", "BRCA2"} <= set(genes) and not re.search(r"brca\s*[12]", text, re.I):
        genes = [g for g in genes if g not in ("BRCA1", "BRCA2") or g in report.genes] or genes
    for members in V.GENE_GROUPS.values():  # "my lynch result" on a report holding MLH1 is that result
        shared = [g for g in genes if g in members]
        # (stop 42: the others only when written out, "does my MLH1 result matter for Lynch syndrome" asked about no
        # MSH2 and had a line saying the report lacks it)
        if report is not None and len(shared) > 1 and set(shared) & set(report.genes):
            genes = [g for g in genes if g not in members or g in report.genes
                     or re.search(rf"\b{g}\b", text, re.IGNORECASE)]
    # a result written as the report writes it: the genes holding it, unless a gene named beside it holds it ("what is
    # CYP2C19 *1/*2" is not about CYP2C9 *1/*2 too; stop 44, eighth pass M14)
    for found in (genes_by_report_token(text, report), genes_by_genotype(text, report)):
        if not set(genes) & set(found):
            genes += [g for g in found if g not in genes]
    genes += [g for g in genes_by_result_phrase(with_full_names(text, vocab), report) if g not in genes]
    named = list(genes)
    for drug in drugs:
        genes += [g for g in vocab.drug_genes.get(drug, []) if g not in genes]
    genes = named + _by_importance(genes[len(named):], report)
    lowered = _BRITISH.sub("metaboliz", text.lower())  # "poor metaboliser" is the report's "poor metabolizer"
    genechat, service = bool(_ABOUT_GENECHAT.search(text)), bool(_ABOUT_SERVICE.search(text))
    surgery_matters = report is not None and bool(ANESTHESIA_GENES & set(report.genes)) and bool(_SURGERY.search(text))
    u = Understanding(
        genes=genes, drugs=drugs, named_genes=named,
        phenotype_words=[w for w in V.PHENOTYPE_WORDS if w in lowered],
        personal=bool(_PERSONAL.search(text)), about_result=bool(_RESULTWORDS.search(text)),
        about_upload=bool(_UPLOAD.search(text)), about_genechat=genechat, about_service=service or genechat,
        genetics_words=bool(_GENETICS.search(text)), service_words=bool(_SERVICE.search(text)) or surgery_matters,
        # (stop 45, tenth pass N21: "my heart medicine plavix" names the medicine; the list flow said none was listed)
        about_my_medicines=bool(_MY_MEDICINES.search(text)) and not drugs,
        medicines_affected=bool(_MEDICINES_AFFECTED.search(text)),
        medicines_to_watch=bool(MEDICINES_TO_WATCH.search(text)),
        whole_report=(bool(_WHOLE_REPORT.search(text)) or bool(_EXPLAIN_IT.match(text) or _LOST_IN_IT.search(text))
                      and not any(t.role == "bot" for t in history)) and not service,
        worry=bool(_WORRY.search(text)), asks_for_help=only_asks_for_help(text), feeling_only=only_a_feeling(text),
        topic_documents=sorted(documents_asked(text) - _pages_not_for(report, text)),
    )
    if report is not None and not genes and (score := _SCORE_ASKED.search(text)):
        # "activity score 0.5??": the report's results with that score (stop 49, fourteenth pass C1: the reply gave
        # CYP2D6's scale and never the patient's CYP2C9 score of 0.5)
        asked = float((score.group(1) or score.group(2)).replace(",", "."))
        genes += [r.gene.upper() for r in report.pharmacogenomics
                  if r.activity_score is not None and abs(r.activity_score - asked) < 1e-9]
    if report is not None and not genes and _NO_CALL.search(text):
        # "what does no result mean", "what do I tell my doctor about the no call": the report's results with no call
        # (stop 46, eleventh pass R5: the reply opened with SLCO1B1, or CYP2C9 normal, and never the CYP2D6 no call)
        genes += [r.gene.upper() for r in report.pharmacogenomics if r.status != "called"]
    if report is not None and not genes and u.personal and asks_zygosity(text):
        # "am i homozygous": the report's results that show two versions, most important first (stop 51, fifteenth pass
        # C1: a *2/*2 report was given the definition of heterozygous and never told its two copies are the same)
        two = [r.gene.upper() for r in report.pharmacogenomics if r.diplotype and "/" in r.diplotype]
        genes += _by_importance(two, report)[:3] + [v.gene.upper() for v in report.variants][:2]
    why_not_said = bool(_WHY_NOT_SAID.search(text))  # (every result then: none picked by the type words it names)
    if report is not None and not genes and NORMAL_ONES.search(text) and not _ABNORMAL.search(text) and not why_not_said:
        genes += [r.gene.upper() for r in report.pharmacogenomics
                  if r.phenotype and re.search(r"\bnormal\b|negative|typical", r.phenotype, re.I)]
        u.whole_report = not genes  # (none is: the whole report says so, result by result)
    if report is not None and not genes and not why_not_said:  # "my report says poor": the results of that type
        if _ABNORMAL.search(text):  # "which results are not normal": every result that is not the usual type
            u.genes += [r.gene.upper() for r in report.pharmacogenomics
                        if r.phenotype and not re.search(r"\bnormal\b|negative", r.phenotype, re.I)]
            u.genes += [v.gene.upper() for v in report.variants if v.gene.upper() not in u.genes]
        else:
            words = [w for w in V.RESULT_WORDS if re.search(rf"\b{w}\b", lowered)] \
                if u.about_result or _WHICH_ARE.search(text) else []
            words = [PHENO_ALIASES.get(w, w) for w in u.phenotype_words + words]
            u.genes += [g for g in genes_with_result(report, words) if g not in u.genes]
    if drugs:
        u.drugs_as_gene_names = vocab.named_as_genes(text, drugs)
        # "my blood thinner gene result" names the report's warfarin genes as surely as "my VKORC1 result" (only the
        # report's: a linked gene the report lacks was not asked about)
        u.named_genes += [g for d in u.drugs_as_gene_names for g in vocab.drug_genes.get(d, [])
                          if report is not None and g in report.genes and g not in u.named_genes]
    if report is not None:
        u.missing_alleles = missing_alleles(text, report, vocab)
    if not u.genes:  # "and the pain one?": the report's result for that use, not the last topic (stop 46)
        u.named_by_use = genes_by_use(text, report)
        u.genes += u.named_by_use
    elif report is not None and names_a_result_type(text):  # "what about the negative one": found by its result words
        u.named_by_use = u.in_report(report)
    # a follow-up points back ("what about tramadol?", "is that bad?", "why?"); a self-contained question
    # ("what is an activity score") does not inherit the last topic
    # (a medicine group named, "what about my statin?", is its own topic: stop 38, it had repeated the last gene)
    groups = vocab.groups_named(text)
    # ("n the other one?": the other result points back however it is led in; stop 44, batch 21 dev)
    points_back = (bool(FOLLOWUP.search(text)) or asks_to_say_again(text) or asks_for_more(text)
                   or len(text.split()) <= 3 or bool(OTHER_ONE.search(text))) \
        and not _OWN_TOPIC.search(text) and not _WORST.search(text) and not _NEW_SUBJECT.search(text) \
        and not groups and not (u.topic_documents and _DEFINES.match(text)) \
        and not set(u.topic_documents) & _SERVICE_PAGES
    if not named and not u.genes and history and points_back:
        resolve_followup(text, u, history, report, vocab, drugs)
    if surgery_matters and not u.genes:
        # "I'm having surgery next month" on an RYR1 report: that result is what the surgery question is about (stop 38:
        # the escalation had no facts, not even "tell every surgeon and the anesthesia team")
        u.genes += [g for g in report.genes if g in ANESTHESIA_GENES]
    if report is not None and not u.genes and not u.followup and report.variants and _CARE.search(text) \
            and not _names_a_condition(text, vocab) and not _GENETICS.search(text):
        # "what screening should I get" on a BRCA2 report: about that result (stop 38: the escalation had no facts); a
        # VUS is not (the screening advice for a harmful variant does not follow from it)
        u.genes += hereditary_lead(report, harmful_only=True)
    if not u.genes and groups:  # "what about the chemo pill" on a DPYD report: the group's genes, the report's first
        u.genes += _by_importance([g for group in groups for g in vocab.group_genes[group] if g not in u.genes], report)
    if report is not None and u.genes and (u.about_my_medicines or _HANDLES_MEDICINES.search(text)):
        # a hereditary result asked about medicines: it does not change how medicines work (local.py says so), whatever
        # list of medicines the patient keeps ("does Lynch affect my medicines")
        mine = u.in_report(report)
        if mine and not set(mine) & {r.gene.upper() for r in report.pharmacogenomics}:
            u.medicines_affected, u.about_my_medicines, u.hereditary_medicines = True, False, True
    if report is not None and not u.genes and not u.followup and _MY_FINDING.search(text) \
            and report.variants and not report.pharmacogenomics:
        # "what cancers are linked to my result" on a hereditary report: its findings are what "my result" means
        u.genes += list(dict.fromkeys(v.gene.upper() for v in report.variants))[:3]
    if report is not None and "results-last-a-lifetime" in u.topic_documents and any(
            r.gene.upper() in u.genes and not r.has_result for r in report.pharmacogenomics):
        # "can they redo it" about a gene the lab could not read: the page on no results says the lab can sometimes test
        # again; "genes stay the same, a test is done once" misleads for a failed sample (stop 48, thirteenth pass R3)
        u.topic_documents = sorted({*u.topic_documents} - {"results-last-a-lifetime"} | {"no-result-or-not-tested"})
    return u



# "which of my genes are poor": the report's results of that type (stop 48, thirteenth pass R2: the summary was given,
# with an intermediate result and without the second poor one)
_WHICH_ARE = re.compile(r"\bwhich (?:of )?(?:my |the )?(?:genes?|results?|ones?)\b[^.?!]{0,15}\b(?:are|r|is|came back|were|say)\b",
                        re.IGNORECASE)


def _names_a_condition(text: str, vocab: Vocabulary) -> bool:
    """A condition's short form or name is in the message ("cf", "lynch")."""
    pattern = vocab.short_forms[0]
    return pattern is not None and bool(pattern.search(text.lower()))

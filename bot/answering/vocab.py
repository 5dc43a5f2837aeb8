"""Built-in vocabulary: genes, medicine -> gene links (CPIC), brand names and gene nicknames.

The knowledge base (chunk metadata and ``knowledge_base/synonyms.yaml``) is the main source;
these lists make sure a gene a patient asks about is recognised even when the KB has no document
for it yet, so we can say "your report does not include that gene" instead of guessing.
"""

from __future__ import annotations

PGX_GENES = [
    "CYP2C19", "CYP2D6", "CYP2C9", "VKORC1", "CYP4F2", "SLCO1B1", "ABCG2", "TPMT", "NUDT15", "DPYD", "UGT1A1",
    "CYP3A5", "CYP3A4", "CYP2B6", "CYP1A2", "HLA-B", "HLA-A", "G6PD", "IFNL3", "RYR1", "CACNA1S", "MT-RNR1", "NAT2",
    "COMT", "OPRM1", "MTHFR",
]
HEREDITARY_GENES = [
    "BRCA1", "BRCA2", "MLH1", "MSH2", "MSH6", "PMS2", "EPCAM", "CFTR", "LDLR", "APOB", "PCSK9", "HFE", "TP53",
    "PALB2", "CHEK2", "ATM", "APC", "MUTYH", "PTEN", "CDH1", "STK11", "F5", "F2", "HBB", "SMN1", "APOE", "RET",
]
# Recessive conditions: one pathogenic copy (heterozygous) makes a carrier, not a raised chance of the disease.
RECESSIVE_GENES = {"CFTR", "HBB", "SMN1", "HFE", "GJB2", "HEXA", "PAH", "MUTYH", "ATP7B", "SLC26A4"}
GENE_NICKNAMES: dict[str, list[str]] = {
    "CYP2D6": ["2d6", "cyp 2d6"], "CYP2C19": ["2c19", "cyp 2c19"], "CYP2C9": ["2c9", "cyp 2c9"],
    "CYP3A5": ["3a5"], "CYP2B6": ["2b6"], "F5": ["factor v leiden", "factor 5 leiden", "factor v", "factor five"],
    "F2": ["prothrombin"], "HLA-B": ["hla b", "hlab"], "HLA-A": ["hla a"], "MT-RNR1": ["mtrnr1"],
    "CFTR": ["cystic fibrosis"], "SMN1": ["sma", "spinal muscular atrophy"], "HBB": ["sickle cell"],
    "HFE": ["hemochromatosis", "haemochromatosis"],
    # (round 6: "is there anything about alzheimers in here" asks about APOE, the gene the KB ties to it)
    "APOE": ["alzheimer's", "alzheimers", "alzheimer", "alzheimer's disease", "alzheimer disease", "dementia"],
}
# A condition named for several genes ("was I tested for Lynch"): each gene is asked about, unless the report holds one
# of them (then "my Lynch result" is that one; bot/answering/understand.py).
# (round 5: hereditary breast cancer names the two BRCA genes, as "the breast cancer gene" already did; a breast cancer
# that is not said to be hereditary names no gene)
GENE_GROUPS: dict[str, list[str]] = {
    "lynch": ["MLH1", "MSH2", "MSH6", "PMS2", "EPCAM"],
    "hboc": ["BRCA1", "BRCA2"],
    # (stop 51, sixteenth pass A5: "what is familial hypercholesterolemia" was declined as off topic)
    "fh": ["LDLR", "APOB", "PCSK9"],
}
GROUP_NAMES: dict[str, list[str]] = {
    "lynch": ["lynch syndrome", "lynch", "hnpcc"],
    "hboc": ["hereditary breast and ovarian cancer", "hereditary breast cancer", "hereditary ovarian cancer", "hboc",
             "inherited breast cancer", "familial breast cancer"],
    "fh": ["familial hypercholesterolemia", "familial hypercholesterolaemia", "familial hypercholesteremia",
           "inherited high cholesterol", "fh"],
}
PGX_DRUG_GENES: dict[str, list[str]] = {
    "clopidogrel": ["CYP2C19"], "omeprazole": ["CYP2C19"], "esomeprazole": ["CYP2C19"], "lansoprazole": ["CYP2C19"],
    "pantoprazole": ["CYP2C19"], "dexlansoprazole": ["CYP2C19"], "citalopram": ["CYP2C19"],
    "escitalopram": ["CYP2C19"], "sertraline": ["CYP2C19", "CYP2B6"], "voriconazole": ["CYP2C19"],
    "amitriptyline": ["CYP2C19", "CYP2D6"], "nortriptyline": ["CYP2D6"], "imipramine": ["CYP2C19", "CYP2D6"],
    "clomipramine": ["CYP2C19", "CYP2D6"], "doxepin": ["CYP2C19", "CYP2D6"], "desipramine": ["CYP2D6"],
    "codeine": ["CYP2D6"], "tramadol": ["CYP2D6"], "hydrocodone": ["CYP2D6"], "oxycodone": ["CYP2D6"],
    "ondansetron": ["CYP2D6"], "tropisetron": ["CYP2D6"], "paroxetine": ["CYP2D6"], "fluvoxamine": ["CYP2D6"],
    "venlafaxine": ["CYP2D6"], "vortioxetine": ["CYP2D6"], "atomoxetine": ["CYP2D6"], "tamoxifen": ["CYP2D6"],
    "metoprolol": ["CYP2D6"], "warfarin": ["CYP2C9", "VKORC1", "CYP4F2"], "phenytoin": ["CYP2C9", "HLA-B"],
    "fosphenytoin": ["CYP2C9", "HLA-B"], "celecoxib": ["CYP2C9"], "ibuprofen": ["CYP2C9"], "flurbiprofen": ["CYP2C9"],
    "meloxicam": ["CYP2C9"], "piroxicam": ["CYP2C9"], "lornoxicam": ["CYP2C9"], "siponimod": ["CYP2C9"],
    "simvastatin": ["SLCO1B1"], "atorvastatin": ["SLCO1B1"], "rosuvastatin": ["SLCO1B1", "ABCG2"],
    "pravastatin": ["SLCO1B1"], "pitavastatin": ["SLCO1B1"], "lovastatin": ["SLCO1B1"],
    "fluvastatin": ["SLCO1B1", "CYP2C9"], "azathioprine": ["TPMT", "NUDT15"], "mercaptopurine": ["TPMT", "NUDT15"],
    "thioguanine": ["TPMT", "NUDT15"], "fluorouracil": ["DPYD"], "capecitabine": ["DPYD"], "irinotecan": ["UGT1A1"],
    "atazanavir": ["UGT1A1"], "tacrolimus": ["CYP3A5"], "efavirenz": ["CYP2B6"], "abacavir": ["HLA-B"],
    "allopurinol": ["HLA-B"], "carbamazepine": ["HLA-B", "HLA-A"], "oxcarbazepine": ["HLA-B"],
    "peginterferon": ["IFNL3"], "sevoflurane": ["RYR1", "CACNA1S"], "desflurane": ["RYR1", "CACNA1S"],
    "isoflurane": ["RYR1", "CACNA1S"], "succinylcholine": ["RYR1", "CACNA1S"], "gentamicin": ["MT-RNR1"],
    "amikacin": ["MT-RNR1"], "tobramycin": ["MT-RNR1"], "rasburicase": ["G6PD"], "primaquine": ["G6PD"],
    "tafenoquine": ["G6PD"], "dapsone": ["G6PD"], "isoniazid": ["NAT2"],
}
BRAND_NAMES: dict[str, list[str]] = {
    "clopidogrel": ["plavix", "heart stent", "stent"], "omeprazole": ["prilosec"], "esomeprazole": ["nexium"], "pantoprazole": ["protonix"],
    "lansoprazole": ["prevacid"], "citalopram": ["celexa"], "escitalopram": ["lexapro"], "sertraline": ["zoloft"],
    "amitriptyline": ["elavil"], "nortriptyline": ["pamelor"], "voriconazole": ["vfend"],
    "codeine": ["tylenol 3", "tylenol #3", "tylenol with codeine", "tylenol-codeine"], "tramadol": ["ultram"],
    "hydrocodone": ["vicodin", "norco"], "oxycodone": ["oxycontin", "percocet"], "ondansetron": ["zofran"],
    "paroxetine": ["paxil"], "atomoxetine": ["strattera"], "tamoxifen": ["nolvadex", "soltamox"],
    "warfarin": ["coumadin", "jantoven"], "phenytoin": ["dilantin"], "celecoxib": ["celebrex"],
    "ibuprofen": ["advil", "motrin", "nurofen", "brufen"], "simvastatin": ["zocor"], "atorvastatin": ["lipitor"],
    "rosuvastatin": ["crestor"], "pravastatin": ["pravachol"], "azathioprine": ["imuran"],
    "mercaptopurine": ["purinethol", "purixan", "6-mp"], "capecitabine": ["xeloda"], "fluorouracil": ["5-fu", "5fu"],
    "irinotecan": ["camptosar"], "tacrolimus": ["prograf"], "efavirenz": ["sustiva"], "abacavir": ["ziagen"],
    "allopurinol": ["zyloprim"], "carbamazepine": ["tegretol"], "oxcarbazepine": ["trileptal"],
    "venlafaxine": ["effexor"], "metoprolol": ["lopressor", "toprol"], "fluvoxamine": ["luvox"],
}
# Single words that name a result type when the patient talks about "my report says poor ...".
RESULT_WORDS = ["poor", "intermediate", "ultrarapid", "rapid", "decreased", "increased", "reduced", "normal",
                "positive", "negative", "uncertain", "pathogenic", "carrier"]
PHENOTYPE_WORDS = [
    "ultrarapid", "ultra rapid", "rapid metabolizer", "normal metabolizer", "intermediate metabolizer",
    "poor metabolizer", "indeterminate", "decreased function", "increased function", "poor function",
    "normal function", "possible decreased", "pathogenic", "likely pathogenic", "uncertain significance", "vus",
    "benign", "carrier", "heterozygous", "homozygous", "positive", "negative",
]
DOMAIN_WORDS = [
    "gene", "genes", "genetic", "genetics", "genome", "dna", "allele", "diplotype", "genotype", "phenotype",
    "metaboli", "variant", "mutation", "report", "result", "pharmacogen", "pgx", "star", "enzyme", "inherit",
    "carrier", "hereditary", "counselor", "counsellor", "medicine", "medication", "drug", "prescri", "pharmacist",
    "lab", "test", "upload", "activity score", "chromosome", "dominant", "recessive", "privacy", "gina",
]

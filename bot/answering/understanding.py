"""What a message was understood to ask: the genes, medicines and kinds of question ``understand`` found in it.

A plain record (no logic but what its fields say), so the steps that fill it (understand.py, followup.py) and the
ones that read it (plans, composers) share one type without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.core.report import Report


@dataclass
class Understanding:
    genes: list[str] = field(default_factory=list)  # asked about (directly, via a medicine, or inherited)
    drugs: list[str] = field(default_factory=list)
    named_genes: list[str] = field(default_factory=list)  # named in this very message
    phenotype_words: list[str] = field(default_factory=list)
    personal: bool = False
    about_result: bool = False
    about_upload: bool = False
    about_genechat: bool = False  # "do you sell my data", "is this app hipaa compliant", "are you a real person"
    about_service: bool = False  # privacy, sharing, deleting, cost, accuracy: "who can see my results on here"
    followup: bool = False
    genetics_words: bool = False
    service_words: bool = False
    about_my_medicines: bool = False  # "are my medicines OK with my genes?"
    whole_report: bool = False  # "explain my report": the answer plan that goes over every result
    told_before: list[str] = field(default_factory=list)  # "tell me more": the last answer, whose KB sentences are not repeated
    worry: bool = False  # "is my result bad?": how much the result matters leads, from the card data
    missing_alleles: list[str] = field(default_factory=list)  # "HLA-B*15:02" asked, gene tested, allele not found
    named_by_use: list[str] = field(default_factory=list)  # "the pain one": results named by use (result_uses.py)
    hereditary_medicines: bool = False  # "does BRCA2 change how I handle ibuprofen": a hereditary result, about medicines
    feeling_only: bool = False  # "I'm scared": the writer's own worry, nothing asked (feelings.only_a_feeling)
    medical_line_only: bool = False  # ... and it is for signs asked ahead: 911 without the crisis line (stop 46)
    emergency_line: bool = False  # an alarm was held back (a worried question, a concept word): the reply still names 911
    drugs_carried: list[str] = field(default_factory=list)  # a follow-up's medicines, from the turn it follows
    drugs_as_gene_names: list[str] = field(default_factory=list)  # "my warfarin gene": a result, not the medicine
    # documents whose topic the question names ("can my insurer raise my rates": gina-and-insurance): retrieval searches
    # them and the reply draws on them (topic_documents.py)
    topic_documents: list[str] = field(default_factory=list)
    medicines_affected: bool = False  # "what medicines does it affect": which medicines the result bears on
    medicines_to_watch: bool = False  # "which medicines should I worry about": the medicines, not a worry or a decision
    report_text_quoted: bool = False  # a line of the report quoted and asked about: its words are data (plans/requests.py)

    @property
    def medicines_asked(self) -> list[str]:
        """Medicines the question is about (not those only used to name a gene, "my blood thinner gene result")."""
        return [d for d in self.drugs if d not in self.drugs_as_gene_names]

    @property
    def domain(self) -> bool:
        """Names a gene, medicine or result word (so a health question is about genetics)."""
        return bool(self.genes or self.drugs or self.phenotype_words or self.genetics_words)

    @property
    def personal_result(self) -> bool:
        return self.personal and self.about_result

    asks_for_help: bool = False  # "where do I go from here", "can you help me": asks this service for a way in

    @property
    def on_topic(self) -> bool:
        """Talks about what GeneChat is for (reports, results, tests, care, privacy), even without a gene, or only asks
        it for help or the next step (never out of scope: that is what a patient with a new report asks)."""
        return self.personal_result or self.service_words or self.asks_for_help

    def in_report(self, report: Report | None) -> list[str]:
        have = set(report.genes) if report else set()
        return [g for g in self.genes if g in have]

    def not_in_report(self, report: Report | None) -> list[str]:
        have = set(report.genes) if report else set()
        return [g for g in self.named_genes if g not in have]

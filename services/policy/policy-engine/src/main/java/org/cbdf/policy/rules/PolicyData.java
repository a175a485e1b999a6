package org.cbdf.policy.rules;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Everything that decides an assessment, as read from the YAML files listed in {@code policy/index.yaml}
 * ({@link PolicyReader}), and its version ({@link PolicyVersionHash}). {@code files} keeps the texts it was read from
 * (path → YAML), so that a version can be stored and loaded again; a change is written into those files
 * ({@link PolicyWriter}) and read again, so a changed policy is exactly what loading its stored files gives.
 */
record PolicyData(Jurisdictions jurisdictions, AdequacyDecisions adequacy, RecognitionAgreements recognition,
        FreeTradeZones freeTradeZones, ReviewCriteria reviewCriteria, List<RulePack> packs, Map<String, String> files,
        String version, ConditionLimits limits) {

    PolicyData {
        packs = List.copyOf(packs);
        files = Map.copyOf(files);
    }

    static PolicyData fromClasspath() {
        return fromClasspath(ConditionLimits.DEFAULTS);
    }

    /** The shipped policy; every rule condition must keep within {@code limits}. */
    static PolicyData fromClasspath(ConditionLimits limits) {
        return PolicyReader.fromClasspath(limits);
    }

    /** Reads the index and every file it lists through {@code files} (path → YAML text), within the default limits. */
    static PolicyData load(Function<String, String> files) {
        return load(files, ConditionLimits.DEFAULTS, pack -> true);
    }

    /**
     * Reads the index and every file it lists through {@code files} (path → YAML text).
     *
     * @param checked the packs (by path) whose rule conditions must keep within {@code limits}: those being
     *                published or shipped. The others were checked when they were published, perhaps under other
     *                limits, and load as they were stored; their evaluations are bounded all the same.
     */
    static PolicyData load(Function<String, String> files, ConditionLimits limits, Predicate<String> checked) {
        return PolicyReader.load(files, limits, checked);
    }

    /** This policy with one rule pack replaced (by its jurisdiction label) or added; validated and compiled. */
    PolicyData withPack(String jurisdiction, String yaml) {
        PolicyWriter.Publication publication = PolicyWriter.withPack(files, jurisdiction, yaml, packFile(jurisdiction));
        return load(publication.files()::get, limits, publication.path()::equals);
    }

    /** The policy of other files but the same packs, which this policy's load already checked or took as stored. */
    private PolicyData asStored(Map<String, String> newFiles) {
        return load(newFiles::get, limits, pack -> false);
    }

    Optional<String> packFile(String jurisdiction) {
        Map<?, ?> index = PolicyReader.map(PolicyReader.parse(PolicyReader.INDEX, files.get(PolicyReader.INDEX)),
                PolicyReader.INDEX);
        for (Object packFile : PolicyReader.list(index.get("packs"), PolicyReader.INDEX)) {
            String path = "policy/" + packFile;
            Object declared = PolicyReader.map(PolicyReader.parse(path, files.get(path)), path).get("jurisdiction");
            if (jurisdiction.equals(String.valueOf(declared))) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    PolicyData withAdequacyStatus(String id, DecisionStatus status, String reason) {
        return withAdequacy(adequacy.withStatus(id, status, reason));
    }

    /** This policy with {@code decision} replacing the one with its id, or added. */
    PolicyData withAdequacyDecision(AdequacyDecisions.Decision decision) {
        return withAdequacy(adequacy.with(decision));
    }

    private PolicyData withAdequacy(AdequacyDecisions changed) {
        return asStored(PolicyWriter.withAdequacy(files, changed));
    }

    PolicyData withAgreementStatus(String id, DecisionStatus status, String reason) {
        return withRecognition(recognition.withStatus(id, status, reason));
    }

    /** This policy with {@code agreement} replacing the one with its id, or added. */
    PolicyData withAgreement(RecognitionAgreements.Agreement agreement) {
        return withRecognition(recognition.with(agreement));
    }

    private PolicyData withRecognition(RecognitionAgreements changed) {
        return asStored(PolicyWriter.withRecognition(files, changed));
    }

    /**
     * This policy with the adequacy review criteria replaced; a version stored before criteria were data gets the
     * file and its entry in the index.
     */
    PolicyData withReviewCriteria(ReviewCriteria criteria) {
        return asStored(PolicyWriter.withReviewCriteria(files, criteria));
    }

    /** This policy with the negative list of free trade zone {@code code} loaded, replaced, or (null) withdrawn. */
    PolicyData withNegativeList(String code, FreeTradeZones.NegativeList list) {
        return asStored(PolicyWriter.withZones(files, freeTradeZones.withNegativeList(code, list)));
    }

    /** Refuses a policy whose parts contradict each other; the reader calls it on every policy it reads. */
    void checkConsistency() {
        Set<String> governed = new HashSet<>();
        Set<String> labels = new HashSet<>();
        for (RulePack pack : packs) {
            if (!labels.add(pack.jurisdiction())) {
                throw new PolicyDataException("two rule packs are labelled " + pack.jurisdiction());
            }
            for (String code : pack.appliesTo()) {
                Jurisdictions.requireIso(code, "rule pack " + pack.jurisdiction());
                if (!governed.add(code)) {
                    throw new PolicyDataException(code + " is governed by more than one rule pack");
                }
            }
        }
        for (var d : adequacy.decisions()) {
            d.destinations().forEach(to -> {
                if (!jurisdictions.isBloc(to)) {
                    Jurisdictions.requireIso(to, "adequacy decision " + d.id());
                }
            });
        }
        for (var a : recognition.agreements()) {
            a.adequacyDecisions().forEach(id -> adequacy.byId(id).orElseThrow(() -> new PolicyDataException(
                    "recognition agreement " + a.id() + " names an unknown adequacy decision " + id)));
        }
    }

    Optional<RulePack> packFor(String exportingJurisdiction) {
        return packs.stream().filter(p -> p.appliesTo().contains(exportingJurisdiction)).findFirst();
    }
}

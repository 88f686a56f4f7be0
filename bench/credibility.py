"""Train and cross-validate the credibility model on FA-KES dev; --write regenerates its artifact.

It also scores the shipped hand-set weights (data/credibility_weights.toml)
on every row; they are not fitted, so no cross-validation is needed.

Features are fully automatic (corroborate.credibility.credibility_features:
text signals, attribution, certainty, cross-source consistency from linking
our own extractions, outlet alignment from the source registry); no FA-KES
annotation is an input. Everything fitted (standardisation, the choice of C)
is fitted inside each training fold (sklearn Pipeline, LogisticRegressionCV),
so the figures are out-of-sample. The label is FA-KES's `label` (1 = the
article agrees with the Violations Documentation Center's records).

    python bench/credibility.py [--csv PATH] [--folds 10] [--seed 0] [--write] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from collections import defaultdict
from pathlib import Path

import numpy as np
import sklearn
from sklearn.base import clone
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, roc_auc_score
from sklearn.model_selection import GridSearchCV, StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fakes_iterate import DEFAULT_CSV, default_cache, fakes_extractions  # noqa: E402

from corroborate.credibility import (  # noqa: E402
    FEATURE_NAMES,
    FEATURE_SIGNALS,
    MODEL_FILE,
    MODEL_FORMAT,
    WEIGHTS_FILE,
    CredibilityModel,
    article_departures,
    credibility_features,
    linked_by_article,
)
from corroborate.link import link_incidents  # noqa: E402
from corroborate.signals import text_signals  # noqa: E402

CS = np.logspace(-4, 1, 11)  # candidate inverse regularisation strengths, from a practically null model up
INNER_FOLDS = 5


def one_standard_error(cv_results: dict) -> int:
    """The strongest regularisation whose inner-CV AUC is within one standard error of the best
    (Breiman's rule): when no C beats the others, the coefficients shrink instead of fitting noise."""
    means, sds = cv_results["mean_test_score"], cv_results["std_test_score"]
    best = int(np.argmax(means))
    floor = means[best] - sds[best] / np.sqrt(INNER_FOLDS)
    return min((i for i in range(len(means)) if means[i] >= floor), key=lambda i: cv_results["param_logisticregression__C"][i])


def logistic_model(seed: int):
    """Standardise, then a logistic regression whose C is picked by inner cross-validation on ROC AUC."""
    inner = StratifiedKFold(INNER_FOLDS, shuffle=True, random_state=seed)
    pipeline = make_pipeline(StandardScaler(), LogisticRegression(max_iter=5000))
    return GridSearchCV(pipeline, {"logisticregression__C": CS}, scoring="roc_auc", cv=inner, refit=one_standard_error, n_jobs=-1)


def fakes_features(csv_path: Path, cache: Path) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(feature matrix, labels, texts) for every FA-KES row, extracted and linked automatically."""
    pairs = fakes_extractions(csv_path, cache)
    texts = {article.id: article.text for article, _ in pairs}
    incidents_of = linked_by_article(link_incidents([extraction for _, extraction in pairs], article_text=texts.get))
    rows = []
    for article, extraction in pairs:
        signals = text_signals(article.text, extraction)
        departures = article_departures(article.id, incidents_of.get(article.id, []))
        features = credibility_features(signals, extraction, departures)
        rows.append([features[name] for name in FEATURE_NAMES])
    labels = np.array([int(article.metadata["label"]) for article, _ in pairs])
    return np.array(rows, dtype=float), labels, [article.text for article, _ in pairs]


def cross_validate(model, inputs, labels: np.ndarray, folds: int, seed: int) -> dict[str, list[float]]:
    """Out-of-fold accuracy and ROC AUC of `model`, and of the training fold's majority class."""
    splitter = StratifiedKFold(folds, shuffle=True, random_state=seed)
    scores: dict[str, list[float]] = {"accuracy": [], "roc_auc": [], "majority_accuracy": []}
    for train, test in splitter.split(np.zeros(len(labels)), labels):
        fitted = clone(model).fit(_rows(inputs, train), labels[train])
        probability = fitted.predict_proba(_rows(inputs, test))[:, 1]
        scores["accuracy"].append(accuracy_score(labels[test], probability >= 0.5))
        scores["roc_auc"].append(roc_auc_score(labels[test], probability))
        majority = int(labels[train].mean() >= 0.5)
        scores["majority_accuracy"].append(float(np.mean(labels[test] == majority)))
    return scores


def _rows(inputs, index):
    return inputs[index] if isinstance(inputs, np.ndarray) else [inputs[i] for i in index]


def summary(values: list[float]) -> dict[str, float]:
    return {"mean": round(float(np.mean(values)), 3), "sd": round(float(np.std(values)), 3)}


def identical_texts_with_both_labels(texts: list[str], labels: np.ndarray) -> tuple[int, int]:
    """(texts that occur more than once, of which labelled both credible and not): how far the label
    depends on more than the text (FA-KES labels the crowd-annotated incident, not the article)."""
    groups: dict[str, list[int]] = defaultdict(list)
    for text, label in zip(texts, labels):
        groups[" ".join(text.split())].append(int(label))
    repeated = [group for group in groups.values() if len(group) > 1]
    return len(repeated), sum(1 for group in repeated if len(set(group)) == 2)


def group_columns(signal: str) -> list[int]:
    return [i for i, name in enumerate(FEATURE_NAMES) if FEATURE_SIGNALS[name] == signal]


def artifact(model, labels: np.ndarray, scores: dict, folds: int, seed: int, csv_path: Path) -> dict:
    pipeline = model.best_estimator_
    scaler, regression = pipeline.named_steps["standardscaler"], pipeline.named_steps["logisticregression"]
    return {
        "format": MODEL_FORMAT,
        "description": "Logistic regression: P(credible) = sigmoid(intercept + sum(coefficient * (value - mean) / scale)).",
        "trained_on": f"FA-KES dev ({csv_path.name}, {len(labels)} articles, {int(labels.sum())} labelled credible)",
        "label": "FA-KES label: 1 = the article agrees with the Violations Documentation Center's records",
        "regenerate": "python bench/credibility.py --write",
        "sklearn": sklearn.__version__,
        "C": float(regression.C),
        "C_rule": "strongest regularisation within one standard error of the best inner 5-fold CV ROC AUC",
        "cross_validation": {
            "folds": folds,
            "seed": seed,
            "accuracy": summary(scores["accuracy"]),
            "roc_auc": summary(scores["roc_auc"]),
            "majority_accuracy": summary(scores["majority_accuracy"]),
        },
        "intercept": round(float(regression.intercept_[0]), 6),
        "features": [
            {
                "name": name,
                "signal": FEATURE_SIGNALS[name],
                "mean": round(float(mean), 6),
                "scale": round(float(scale), 6),
                "coefficient": round(float(coefficient), 6),
            }
            for name, mean, scale, coefficient in zip(FEATURE_NAMES, scaler.mean_, scaler.scale_, regression.coef_[0])
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--cache", type=Path, default=default_cache())
    parser.add_argument("--folds", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--write", action="store_true", help=f"rewrite {MODEL_FILE.name} with the model fitted on all rows")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    warnings.filterwarnings("ignore", category=FutureWarning)

    features, labels, texts = fakes_features(args.csv, args.cache)
    model = logistic_model(args.seed)
    scores = cross_validate(model, features, labels, args.folds, args.seed)
    ablations = {}
    for signal in dict.fromkeys(FEATURE_SIGNALS.values()):
        columns = group_columns(signal)
        ablations[f"{signal} only"] = summary(cross_validate(model, features[:, columns], labels, args.folds, args.seed)["roc_auc"])
    tfidf = make_pipeline(TfidfVectorizer(min_df=2, sublinear_tf=True), LogisticRegression(max_iter=5000))
    ablations["tf-idf words (comparison, not in the model)"] = summary(
        cross_validate(tfidf, texts, labels, args.folds, args.seed)["roc_auc"]
    )

    weights = CredibilityModel.load_weights()
    weighted = np.array([weights.intercept + sum(weights.contributions(dict(zip(FEATURE_NAMES, row))).values()) for row in features])
    shipped = {
        "roc_auc": round(float(roc_auc_score(labels, weighted)), 3),
        "accuracy": round(float(accuracy_score(labels, weighted > 0)), 3),
    }

    final = clone(model).fit(features, labels)
    result = artifact(final, labels, scores, args.folds, args.seed, args.csv)
    if args.write:
        MODEL_FILE.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    repeated, both = identical_texts_with_both_labels(texts, labels)
    if args.json:
        diagnosis = {"repeated_texts": repeated, "repeated_texts_with_both_labels": both}
        print(
            json.dumps(
                {
                    "cross_validation": result["cross_validation"],
                    "shipped_weights": shipped,
                    "roc_auc_by_signal": ablations,
                    "diagnosis": diagnosis,
                    "model": result,
                },
                indent=2,
            )
        )
        return
    cv = result["cross_validation"]
    print(f"{len(labels)} articles, {int(labels.sum())} credible; stratified {args.folds}-fold CV, seed {args.seed}")
    print(f"{repeated} texts appear more than once; {both} of them carry both labels")
    print(
        f"accuracy {cv['accuracy']['mean']:.3f} ± {cv['accuracy']['sd']:.3f}   (majority class {cv['majority_accuracy']['mean']:.3f} ± {cv['majority_accuracy']['sd']:.3f})"
    )
    print(f"ROC AUC  {cv['roc_auc']['mean']:.3f} ± {cv['roc_auc']['sd']:.3f}   (majority class 0.500)")
    print(
        f"shipped weights ({WEIGHTS_FILE.name}, not fitted, all rows): ROC AUC {shipped['roc_auc']:.3f}, accuracy {shipped['accuracy']:.3f}"
    )
    print("ROC AUC of each signal's features alone:")
    for name, figure in ablations.items():
        print(f"  {name:45} {figure['mean']:.3f} ± {figure['sd']:.3f}")
    print(f"final model: C = {result['C']:g}; standardised coefficients, largest first:")
    for feature in sorted(result["features"], key=lambda f: -abs(f["coefficient"])):
        print(f"  {feature['name']:28} {feature['coefficient']:+.3f}")
    if args.write:
        print(f"wrote {MODEL_FILE}")


if __name__ == "__main__":
    main()

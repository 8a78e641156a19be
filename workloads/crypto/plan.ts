/**
 * The crypto price-movement predictor as a logical plan. Every stage after the source is keyed by
 * product, so all of them but the two-input join chain together on engines that chain.
 *
 *   market ─keyBy(product)─▶ book ─▶ bars[window] ─▶ features ─┬─▶ model ─▶ predictions ─┐
 *                                                               ├──────────────────────────┴─▶ score[join] ─▶ scored
 *                                                               └─▶ sink(features)            └─▶ sink(predictions)
 */
import type { MarketEvent } from '../../datasets/events.js';
import { type Plan, PlanBuilder } from '../plan/index.js';
import { barAggregate } from './bars.js';
import { bookProcess } from './book-process.js';
import type { CryptoConfig, ModelName } from './config.js';
import { featuresProcess } from './features-process.js';
import { modelProcess } from './model-process.js';
import { lstmModel } from './models/lstm/model.js';
import type { Model } from './models/model.js';
import { persistenceModel } from './models/persistence.js';
import { ridgeModel } from './models/ridge.js';
import { sgdModel } from './models/sgd.js';
import type { FeatureVector, Prediction, Scored } from './records.js';

export const WORKLOAD_NAME = 'crypto-predictor';

export function modelFor(name: ModelName, cfg: CryptoConfig): Model<unknown> {
  switch (name) {
    case 'persistence':
      return persistenceModel as Model<unknown>;
    case 'linear':
      return ridgeModel(cfg.ridge) as Model<unknown>;
    case 'sgd':
      return sgdModel(cfg.sgd) as Model<unknown>;
    case 'lstm':
      return lstmModel(cfg.lstm) as Model<unknown>;
  }
}

export function buildCryptoPlan(cfg: CryptoConfig, model: ModelName, seed: number): Plan {
  const p = new PlanBuilder(WORKLOAD_NAME);
  const byProduct = <T extends { product: string }>(v: T) => v.product;
  const features = p
    .source<MarketEvent>('market', { maxOutOfOrdernessMs: cfg.maxOutOfOrdernessMs })
    .keyBy('product', byProduct)
    .process('book', bookProcess)
    .keyBy('product', byProduct)
    .window('bars', { type: 'tumbling', sizeMs: cfg.windowMs }, barAggregate)
    .keyBy('product', byProduct)
    .process('features', featuresProcess);
  const predictions = features
    .keyBy('product', byProduct)
    .process('model', modelProcess(modelFor(model, cfg), seed));
  const expiry = cfg.joinExpiryWindows * cfg.windowMs;
  const scored = predictions
    .keyBy('product', byProduct)
    .join<FeatureVector, Scored>('score', features.keyBy('product', byProduct), {
      leftJoinKey: (pr: Prediction) => pr.target,
      rightJoinKey: (f) => f.start,
      expireAt: (target) => target + expiry,
      combine: (pr, f) => ({
        product: pr.product,
        target: pr.target,
        predicted: pr.predicted,
        persistence: pr.persistence,
        actual: f.logReturn,
      }),
    });
  features.sink('features', (f) => `${f.product}@${f.start}`);
  predictions.sink('predictions', (pr) => `${pr.product}@${pr.target}`);
  scored.sink('scored', (s) => `${s.product}@${s.target}`);
  return p.build();
}

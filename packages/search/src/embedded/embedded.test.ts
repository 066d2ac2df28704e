import { defineConformanceSuite } from '../conformance';
import { EmbeddedSearchEngine } from './engine';

defineConformanceSuite('embedded search engine (conformance)', async () => new EmbeddedSearchEngine());

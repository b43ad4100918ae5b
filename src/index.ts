/**
 * preheat: a dependency-injection container with a warmup lifecycle, over inversify.
 * This barrel is the whole public API; everything else is internal.
 *
 * @example
 * ```ts
 * import 'reflect-metadata';
 * import { Container } from 'inversify';
 * import { Component, Priority, Warmup } from 'preheat';
 *
 * @Component({ priority: Priority.CRITICAL }) class Config {}
 * @Component() class Db { constructor(readonly config: Config) {} async onWarmup() {} }
 *
 * const container = new Container();
 * await new Warmup(container).register(Config, Db).boot();
 * container.get(Db); // warm
 * ```
 * @packageDocumentation
 */
import 'reflect-metadata/lite';

export { Warmup } from './Warmup.js';
export type { WaitOptions } from './readiness/Waits.js';
export type { ShutdownOptions, ShutdownHooksOptions } from './lifecycle/ShutdownOptions.js';
export type { WarmupOptions } from './WarmupOptions.js';
export type { BindingStrategy } from './container/ComponentBindings.js';
export { Component } from './component/Component.js';
export { Priority, priorityName } from './component/Priority.js';
export { ComponentStatus, isUsable } from './component/ComponentStatus.js';
export type { ComponentOptions, BackoffConfig, DependencyRef, InjectRef } from './component/ComponentOptions.js';
export type { ComponentDecorator } from './component/Component.js';
export { defineComponent, type ComponentDefinition, type LoadContext } from './component/ComponentDefinition.js';
export type { OnWarmup, CheckHealth, OnShutdown, Prime } from './component/ComponentHooks.js';
export type { WarmupContext, StepScope, StepWork, StepTags } from './component/WarmupContext.js';
export type { StepRecord } from './readiness/StepRecord.js';
export type { TimeoutExtension } from './readiness/TimeoutExtension.js';
export type { ComponentId } from './component/ComponentRegistry.js';
export type { Registrable } from './component/toComponentSpec.js';
export type { ComponentEvent } from './readiness/ComponentEvent.js';
export type { BootProgress } from './readiness/BootProgress.js';
export type { Phase } from './readiness/Phase.js';
export type { BootReport, ComponentReport } from './report/BootReport.js';
export { criticalChain, type CriticalChainLink, type CriticalChainVia } from './report/criticalChain.js';
export { blame, type BlameEntry, type SlowestStep } from './report/blame.js';
export { renderTimelineSvg, type TimelineOptions } from './report/plot/renderTimelineSvg.js';
export { renderTimelineHtml } from './report/plot/renderTimelineHtml.js';
export { toTraceEvents, type TraceEvent, type TraceDocument } from './report/traceEvents.js';
export { isBootReport, bootReportProblem } from './report/isBootReport.js';
export type { AttemptRecord, AttemptOutcome } from './readiness/AttemptRecord.js';
export type { ShutdownReport, ComponentShutdown, StepOutcome } from './lifecycle/ShutdownReport.js';
export type { MonitorOptions, MonitorHandle, HealthScore } from './lifecycle/MonitorOptions.js';
export type { HealthCheckResult, WeightedHealthCheck, ComponentHealthOptions } from './health/HealthOptions.js';
export { modeOf, defaultModeThresholds, operatingModes, type OperatingMode, type ModeThresholds } from './health/OperatingMode.js';
export type { HealthQuery, HealthSnapshot, ComponentHealth, HealthCheckReport } from './health/HealthSnapshot.js';
export { ErrorCode } from './errors/ErrorCode.js';
export { PreheatError, type PreheatErrorDetails } from './errors/PreheatError.js';
export { BootError } from './boot/BootError.js';
export { BootCancelledError } from './errors/BootCancelledError.js';
export { CircularDependencyError } from './errors/CircularDependencyError.js';
export { MissingDependencyError } from './errors/MissingDependencyError.js';
export { DuplicateComponentError } from './errors/DuplicateComponentError.js';
export { InvalidOptionError } from './errors/InvalidOptionError.js';
export { UnknownComponentError } from './errors/UnknownComponentError.js';
export { ComponentNotReadyError } from './readiness/ComponentNotReadyError.js';
export { ComponentTimeoutError, type TimeoutExtensionInfo } from './errors/ComponentTimeoutError.js';
export { ComponentLoadError } from './errors/ComponentLoadError.js';
export { HealthCheckError, type HealthProblem } from './errors/HealthCheckError.js';
export { DependencyFailedError } from './errors/DependencyFailedError.js';
export { ComponentSkippedError } from './errors/ComponentSkippedError.js';
export { DependencySkippedError } from './errors/DependencySkippedError.js';
export { MissingReflectMetadataError } from './errors/MissingReflectMetadataError.js';
export { RegistrationClosedError } from './errors/RegistrationClosedError.js';
export { MissingInjectionMetadataError, type MissingInjectionReason } from './errors/MissingInjectionMetadataError.js';
export type { ProfileOptions } from './adaptive/ProfileOptions.js';
export type { ProfileStore } from './adaptive/ProfileStore.js';
export { FileProfileStore } from './adaptive/FileProfileStore.js';
export { mergeProfiles } from './adaptive/mergeProfiles.js';
export { readProfile, type ProfileReading } from './adaptive/readProfile.js';
export { profileFormatVersion, type UsageProfile, type ProfileEntry } from './adaptive/UsageProfile.js';
export type { KindRow } from './adaptive/KindTable.js';
export type { AdaptiveBounds, AdvisorOptions } from './adaptive/AdaptiveOptions.js';
export type { PriorityAdjustment } from './adaptive/advisePriorities.js';
export type { LearnedReport, PredictionReport } from './adaptive/LearnedReport.js';
export type { PredictorOptions } from './adaptive/Preloader.js';
export type { CacheOptions } from './adaptive/CacheOptions.js';
export { LazyServiceIdentifier } from 'inversify';

import { describe, expect, it } from 'vitest'
import { createIds } from '../../../sandbox/ids.ts'
import { isFailure } from './errors.ts'
import { type AppRecord, createProjectData, type ProjectData } from './model.ts'
import { webhookWire } from './views.ts'
import { createWebhook, deleteWebhook, updateWebhook, urlProblem, webhooksOf } from './webhooks.ts'

const NOW = Date.parse('2026-01-15T12:00:00.000Z')

function fixture(): ProjectData {
  const project = createProjectData()
  // Only the fields webhooks read: an app's other details belong to apps.ts.
  project.apps.set('app1', {
    id: 'app1',
    name: 'Web',
    type: 'rc_billing',
    createdAt: NOW,
  } as AppRecord)
  return project
}

const BASE = { name: 'hooks', url: 'https://hooks.example.com/rc' }

describe('createWebhook', () => {
  it('records every field, nulls for those left out, and answers no authorization header', () => {
    const project = fixture()
    const webhook = createWebhook(
      project,
      {
        ...BASE,
        authorization_header: 'Bearer secret',
        environment: 'sandbox',
        event_types: ['renewal', 'cancellation'],
        app_id: 'app1',
      },
      NOW,
      createIds(3),
    )
    if (isFailure(webhook)) throw new Error(webhook.message)
    expect(webhook).toMatchObject({
      name: 'hooks',
      environment: 'sandbox',
      eventTypes: ['renewal', 'cancellation'],
      appId: 'app1',
      authorizationHeader: 'Bearer secret',
      createdAt: NOW,
    })
    expect(webhook.id).toMatch(/^wh_[0-9a-f]{16}$/)
    const wire = webhookWire('proj1', webhook)
    expect(JSON.stringify(wire)).not.toContain('secret')
    expect(wire).not.toHaveProperty('authorization_header')

    const plain = createWebhook(project, BASE, NOW, createIds(4))
    if (isFailure(plain)) throw new Error(plain.message)
    expect(plain).toMatchObject({ environment: null, eventTypes: null, appId: null })
    expect(webhooksOf(project).map((w) => w.id)).toEqual([webhook.id, plain.id])
  })

  it('refuses an app the project lacks (404 on app_id), and creates nothing', () => {
    const project = fixture()
    const refused = createWebhook(project, { ...BASE, app_id: 'app9' }, NOW, createIds(3))
    expect(refused).toMatchObject({ status: 404, type: 'resource_missing', param: 'app_id' })
    expect(project.webhooks.size).toBe(0)
  })

  it('refuses empty and repeated event types (400 on event_types)', () => {
    const project = fixture()
    for (const event_types of [[], ['renewal', 'renewal']])
      expect(createWebhook(project, { ...BASE, event_types }, NOW, createIds(3))).toMatchObject({
        status: 400,
        type: 'parameter_error',
        param: 'event_types',
      })
  })
})

describe('urlProblem', () => {
  it('takes http and https URLs, non-public hosts included', () => {
    for (const url of [
      'https://hooks.example.com/rc?x=1',
      'http://hooks.example.com',
      'http://localhost:8080/hook',
      'https://10.0.0.7/hook',
    ])
      expect(urlProblem(url), url).toBeUndefined()
  })

  it('refuses other schemes, relative URLs and credentials', () => {
    for (const url of [
      'ftp://hooks.example.com',
      'mailto:a@example.com',
      '/hook',
      'https://u:p@example.com',
    ])
      expect(urlProblem(url), url).toBeDefined()
  })
})

describe('updateWebhook', () => {
  it('changes the fields given, clears the nullable ones sent as null, keeps the rest', () => {
    const project = fixture()
    const webhook = createWebhook(
      project,
      {
        ...BASE,
        environment: 'production',
        event_types: ['renewal'],
        app_id: 'app1',
        authorization_header: 'x',
      },
      NOW,
      createIds(3),
    )
    if (isFailure(webhook)) throw new Error(webhook.message)
    const updated = updateWebhook(project, webhook, {
      name: 'renamed',
      environment: null,
      event_types: null,
      app_id: null,
      authorization_header: null,
    })
    expect(updated).toMatchObject({
      name: 'renamed',
      url: BASE.url,
      environment: null,
      eventTypes: null,
      appId: null,
      authorizationHeader: null,
    })
  })

  it('changes nothing when one check fails', () => {
    const project = fixture()
    const webhook = createWebhook(project, BASE, NOW, createIds(3))
    if (isFailure(webhook)) throw new Error(webhook.message)
    const refused = updateWebhook(project, webhook, { name: 'renamed', url: 'ftp://x.example' })
    expect(refused).toMatchObject({ status: 400, param: 'url' })
    expect(webhook.name).toBe('hooks')
  })
})

describe('deleteWebhook', () => {
  it('removes it from the project', () => {
    const project = fixture()
    const webhook = createWebhook(project, BASE, NOW, createIds(3))
    if (isFailure(webhook)) throw new Error(webhook.message)
    deleteWebhook(project, webhook)
    expect(webhooksOf(project)).toEqual([])
  })
})

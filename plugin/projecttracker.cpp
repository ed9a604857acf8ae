// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// ProjectTracker: the local roots of the projects that are open or being opened.
#include "projecttracker.h"

#include "debug.h"
#include "remotecommand.h"

#include <interfaces/iproject.h>
#include <interfaces/iprojectcontroller.h>
#include <util/path.h>

#include <QDir>
#include <QFileInfo>

namespace BuildService::Plugin {

ProjectTracker::ProjectTracker(KDevelop::IProjectController *controller, QObject *parent)
    : QObject(parent)
{
    if (!controller)
        return;
    using KDevelop::IProjectController;
    connect(controller, &IProjectController::projectAboutToBeOpened, this, &ProjectTracker::addProject);
    connect(controller, &IProjectController::projectOpened, this, &ProjectTracker::addProject);
    connect(controller, &IProjectController::projectClosed, this, &ProjectTracker::removeProject);
    connect(controller, &IProjectController::projectOpeningAborted, this, &ProjectTracker::removeProject);
    const auto projects = controller->projects();
    for (KDevelop::IProject *project : projects)
        addProject(project);
}

void ProjectTracker::addProject(KDevelop::IProject *project)
{
    const KDevelop::Path path = project->path();
    if (!path.isLocalFile()) {
        qCDebug(BS_PLUGIN) << "not tracking non-local project" << project->name() << path;
        return;
    }
    const QString root = QDir::cleanPath(path.toLocalFile());
    if (m_roots.value(project) != root)
        qCDebug(BS_PLUGIN) << "tracking project" << project->name() << "at" << root;
    m_roots.insert(project, root);
}

void ProjectTracker::removeProject(KDevelop::IProject *project)
{
    if (m_roots.remove(project) > 0)
        qCDebug(BS_PLUGIN) << "no longer tracking project" << project->name();
}

QString ProjectTracker::rootFor(const QString &path) const
{
    QString best;
    for (const QString &root : m_roots) {
        if (root.size() > best.size() && RemoteCommand::isInside(path, root))
            best = root;
    }
    return best;
}

QString ProjectTracker::mapIntoProject(const QString &path) const
{
    if (!rootFor(path).isEmpty())
        return path;
    const QString canonicalPath = QFileInfo(path).canonicalFilePath();
    if (canonicalPath.isEmpty())
        return path;
    QString best;
    QString bestCanonicalRoot;
    for (const QString &root : m_roots) {
        const QString canonicalRoot = QFileInfo(root).canonicalFilePath();
        if (canonicalRoot.size() > bestCanonicalRoot.size() && RemoteCommand::isInside(canonicalPath, canonicalRoot)) {
            best = root;
            bestCanonicalRoot = canonicalRoot;
        }
    }
    if (best.isEmpty())
        return path;
    const QString relative = QDir(bestCanonicalRoot).relativeFilePath(canonicalPath);
    return relative == QLatin1String(".") ? best : best + QLatin1Char('/') + relative;
}

QStringList ProjectTracker::roots() const
{
    return m_roots.values();
}

KDevelop::IProject *ProjectTracker::projectFor(const QString &path) const
{
    KDevelop::IProject *best = nullptr;
    QString bestRoot;
    for (auto it = m_roots.cbegin(); it != m_roots.cend(); ++it) {
        if (it.value().size() > bestRoot.size() && RemoteCommand::isInside(path, it.value())) {
            best = it.key();
            bestRoot = it.value();
        }
    }
    return best;
}

} // namespace BuildService::Plugin
